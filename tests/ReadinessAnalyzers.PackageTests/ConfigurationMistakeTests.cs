using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// RDY9004/RDY9005 in real <c>dotnet build</c>s against the packed package: each configuration mistake of a project's
/// .editorconfig and .globalconfig is one warning at its file and line; a gate at warning (CI) makes them errors; a
/// multi-targeted project reports them once; a clean configuration reports nothing.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ConfigurationMistakeTests(PackageFixture fixture)
{
    private const string CleanProgram = "Console.WriteLine(\"ready\");\n";

    private const string MistakenEditorConfig = """
        root = true

        [*.cs]
        RDY1001.report_specific_exceptions = ture
        RDY2001.minimum_level = Eror
        RDY1001.expected_exception = System.IO.IOException
        dotnet_diagnostic.RDY1010.severity = error
        # Correct entries and other tools' keys: silent.
        dotnet_diagnostic.RDY1001.severity = error
        RDY2005.treat_as_service = true
        dotnet_diagnostic.CA2007.severity = none
        csharp_style_var_elsewhere = true:suggestion
        """;

    private const string MistakenGlobalConfig = """
        is_global = true
        readiness.telemetry_type = MyCompany.Diagnostics.AuditLog
        readiness.telemetry_types = MyCompany.Diagnostics.AuditLog
        """;

    private const string CleanEditorConfig = """
        root = true

        [*.cs]
        RDY1001.report_specific_exceptions = true
        RDY2001.minimum_level = error
        RDY1001.expected_exceptions = System.IO.IOException
        dotnet_diagnostic.RDY1001.severity = error
        dotnet_diagnostic.CA2007.severity = none
        """;

    private const string CleanGlobalConfig = """
        is_global = true
        readiness.telemetry_types = MyCompany.Diagnostics.AuditLog
        """;

    private static readonly Dictionary<string, string?> Local = new() { ["CI"] = null, ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null };

    private static readonly Dictionary<string, string?> Ci = new(Local) { ["CI"] = "true" };

    [Fact]
    public async Task Each_mistake_is_one_warning_at_its_file_and_line_an_error_under_a_CI_gate_and_a_clean_config_is_silent()
    {
        var project = SampleProject.Console(fixture, "MisconfiguredApp")
            .With("Program.cs", CleanProgram)
            .With(".editorconfig", MistakenEditorConfig)
            .With(".globalconfig", MistakenGlobalConfig);
        var editorconfig = project.PathOf(".editorconfig");
        var globalconfig = project.PathOf(".globalconfig");

        var local = await project.BuildAsync(Local);
        Assert.True(local.Succeeded, local.ToString());
        Assert.Equal(
            [
                (editorconfig, 4, "warning", "RDY9004", "Readiness option 'RDY1001.report_specific_exceptions = ture' is not understood: RDY1001.report_specific_exceptions accepts true or false (did you mean 'true'?); until the value is corrected the default applies (RDY1001.report_specific_exceptions = false)"),
                (editorconfig, 5, "warning", "RDY9004", "Readiness option 'RDY2001.minimum_level = Eror' is not understood: RDY2001.minimum_level accepts warning, error or critical (did you mean 'error'?); until the value is corrected the default applies (RDY2001.minimum_level = warning)"),
                (editorconfig, 6, "warning", "RDY9004", "Readiness option 'RDY1001.expected_exception = System.IO.IOException' is not understood: RDY1001 has no option 'expected_exception' (did you mean 'RDY1001.expected_exceptions'?); its options are RDY1001.expected_exceptions, RDY1001.report_specific_exceptions; the entry has no effect"),
                (editorconfig, 7, "warning", "RDY9005", "'RDY1010' is not a ReadinessAnalyzers rule, so 'dotnet_diagnostic.RDY1010.severity = error' has no effect; the rules are RDY1001–RDY10nn, RDY2001–RDY20nn, RDY3001–RDY30nn, RDY4001–RDY40nn, RDY4100–RDY41nn, RDY9001–RDY90nn, RDY9100 (rules/README.md)"),
                (globalconfig, 2, "warning", "RDY9004", "Readiness option 'readiness.telemetry_type = MyCompany.Diagnostics.AuditLog' is not understood: there is no product-wide option 'telemetry_type' (did you mean 'readiness.telemetry_types'?); the product-wide options are readiness.non_production_environments, readiness.telemetry_methods, readiness.telemetry_types; the entry has no effect"),
            ],
            OptionDiagnostics(local));
        Assert.True(local.Command.Output.Contains("5 Warning(s)", StringComparison.Ordinal), "Each mistake once, and nothing else:\n" + local);

        // CI (ReadinessFailOn=warning): the same entries fail the build, as every readiness warning does there.
        var ci = await project.BuildAsync(Ci);
        Assert.False(ci.Succeeded, ci.ToString());
        Assert.Equal(
            [(editorconfig, 4, "RDY9004"), (editorconfig, 5, "RDY9004"), (editorconfig, 6, "RDY9004"), (editorconfig, 7, "RDY9005"), (globalconfig, 2, "RDY9004")],
            OptionDiagnostics(ci).Select(d => (d.File, d.Line, d.Id)).ToList());
        Assert.All(OptionDiagnostics(ci), d => Assert.Equal("error", d.Severity));
        Assert.All(OptionDiagnostics(ci), d => Assert.EndsWith("(an error because ReadinessFailOn=warning)", d.Message, StringComparison.Ordinal));

        // NoWarn silences them like any MSBuild warning.
        var silenced = await project.BuildAsync(Local, "-p:NoWarn=RDY9004%3BRDY9005");
        Assert.True(silenced.Succeeded, silenced.ToString());
        Assert.Empty(OptionDiagnostics(silenced));

        // Corrected: nothing, even under the CI gate.
        project.With(".editorconfig", CleanEditorConfig).With(".globalconfig", CleanGlobalConfig);
        var clean = await project.BuildAsync(Ci);
        Assert.True(clean.Succeeded, clean.ToString());
        Assert.Empty(OptionDiagnostics(clean));
        Assert.DoesNotContain("RDY900", clean.Command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_targeted_project_reports_each_mistake_once()
    {
        // A library (no apphost pack needed for net8.0); TargetFramework emptied so that TargetFrameworks applies.
        var project = SampleProject.Console(
                fixture,
                "MisconfiguredMultiTarget",
                "<TargetFramework></TargetFramework><TargetFrameworks>net8.0;net10.0</TargetFrameworks><OutputType>Library</OutputType><CheckEolTargetFramework>false</CheckEolTargetFramework>")
            .With("Greeter.cs", "namespace Sample;\n\npublic static class Greeter\n{\n    public static string Greet(string name) => \"Hello, \" + name;\n}\n")
            .With(".editorconfig", "root = true\n\n[*.cs]\nRDY1001.report_specific_exceptions = ture\n");

        var build = await project.BuildAsync(Local);
        Assert.True(build.Succeeded, build.ToString());
        var mistake = Assert.Single(OptionDiagnostics(build));
        Assert.Equal((project.PathOf(".editorconfig"), 4, "warning", "RDY9004"), (mistake.File, mistake.Line, mistake.Severity, mistake.Id));
        Assert.True(build.Command.Output.Contains("1 Warning(s)", StringComparison.Ordinal), "Once for both frameworks:\n" + build);
    }

    /// <summary>The RDY9004/RDY9005 lines, each once (MSBuild repeats warnings and errors in its closing summary), with
    /// the ends of ID ranges as <c>nn</c>.</summary>
    private static List<(string File, int Line, string Severity, string Id, string Message)> OptionDiagnostics(BuildResult build)
        => OptionLine().Matches(build.Command.Output)
            .Select(m => (m.Groups["file"].Value.Trim(), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["severity"].Value, m.Groups["id"].Value, LastTwoDigits().Replace(m.Groups["message"].Value.Trim(), "${block}nn")))
            .Distinct()
            .ToList();

    /// <summary>The end of an ID range (<c>–RDY1006</c>), which grows as rules are added.</summary>
    [GeneratedRegex(@"(?<block>–RDY\d\d)\d\d")]
    private static partial Regex LastTwoDigits();

    /// <summary><c>path(line): warning RDY9004: message [project]</c>: a task warning has a line but no column.</summary>
    [GeneratedRegex(@"^\s*(\d+>)?(?<file>[^\r\n(]+?)\((?<line>\d+)\): (?<severity>warning|error) (?<id>RDY900[45]): (?<message>[^\r\n]*?)(?: \[[^\r\n\]]+\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex OptionLine();
}
