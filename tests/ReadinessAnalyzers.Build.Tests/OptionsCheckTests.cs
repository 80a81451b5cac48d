using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>
/// RDY9004/RDY9005: ReadinessAnalyzers entries of real .editorconfig/.globalconfig text that have no effect are
/// reported once, at their file and line, with the key, the value and what is accepted; everything else is silent.
/// </summary>
public sealed class OptionsCheckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "readiness-options-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ReadinessCheckTaskTests.RecordingEngine _engine = new();

    public OptionsCheckTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static IReadOnlyList<OptionMistake> Find(string text, string path = "/repo/.editorconfig") => OptionMistakes.Find(path, text);

    [Fact]
    public void Every_option_at_its_default_severities_categories_and_other_tools_keys_are_silent()
    {
        var text = "root = true\n\n[*.cs]\n"
            + string.Concat(OptionCatalog.All.Select(o => o.Key + " = " + o.DefaultText + "\n"))
            + """
            # Severity of real rules, of the build task's own category, and category entries.
            dotnet_diagnostic.RDY1001.severity = error
            dotnet_diagnostic.rdy4102.severity = none
            dotnet_analyzer_diagnostic.category-ReadinessTelemetry.severity = warning
            dotnet_analyzer_diagnostic.category-readinessfailurehandling.severity = suggestion
            # Other tools: the SDK, code style, another package, the SDK's generated properties.
            dotnet_diagnostic.CA2007.severity = none
            dotnet_diagnostic.IDE0005.severity = warning
            dotnet_analyzer_diagnostic.category-Reliability.severity = error
            csharp_style_var_elsewhere = true:suggestion
            roslynator_accessibility_modifiers = explicit
            build_property.UsingMicrosoftNETSdkWeb = true
            readinessfoo = anything
            indent_size = 4
            """;
        Assert.Empty(Find(text));
    }

    [Fact]
    public void Values_are_case_insensitive_trimmed_and_unset_is_accepted()
    {
        var text = """
            [*.cs]
            RDY1001.report_specific_exceptions = TRUE
            rdy2001.MINIMUM_LEVEL   =   Critical
            RDY2005.treat_as_service: False
            RDY1003.report_discards = unset
            RDY1003.ignored_methods =
            """;
        Assert.Empty(Find(text));
    }

    [Fact]
    public void A_boolean_that_cannot_be_parsed_is_RDY9004_with_key_value_accepted_values_and_default()
    {
        var mistake = Assert.Single(Find("root = true\n[*.cs]\nRDY1001.report_specific_exceptions = ture\n"));
        Assert.Equal("RDY9004", mistake.Rule.Id);
        Assert.Equal(3, mistake.Line);
        Assert.Equal("RDY1001.report_specific_exceptions", mistake.Key);
        Assert.Equal("ture", mistake.Value);
        Assert.Equal(
            "Readiness option 'RDY1001.report_specific_exceptions = ture' is not understood: RDY1001.report_specific_exceptions accepts true or false (did you mean 'true'?); until the value is corrected the default applies (RDY1001.report_specific_exceptions = false)",
            mistake.Message);
    }

    [Fact]
    public void A_choice_that_cannot_be_parsed_names_every_accepted_value()
    {
        var mistake = Assert.Single(Find("[*.cs]\nRDY2001.minimum_level = Eror\n"));
        Assert.Equal("RDY9004", mistake.Rule.Id);
        Assert.Equal(2, mistake.Line);
        Assert.Contains("'RDY2001.minimum_level = Eror'", mistake.Message, StringComparison.Ordinal);
        Assert.Contains("accepts warning, error or critical (did you mean 'error'?)", mistake.Message, StringComparison.Ordinal);
        Assert.Contains("(RDY2001.minimum_level = warning)", mistake.Message, StringComparison.Ordinal);

        var unlike = Assert.Single(Find("[*.cs]\nRDY2005.treat_as_service = yes\n"));
        Assert.Contains("accepts auto, true or false; until", unlike.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_of_a_known_rule_suggests_the_nearest_key_and_lists_the_rules_options()
    {
        var mistake = Assert.Single(Find("[*.cs]\nRDY1001.expected_exception = System.IO.IOException\n"));
        Assert.Equal("RDY9004", mistake.Rule.Id);
        Assert.Equal(
            "Readiness option 'RDY1001.expected_exception = System.IO.IOException' is not understood: RDY1001 has no option 'expected_exception' (did you mean 'RDY1001.expected_exceptions'?); its options are RDY1001.expected_exceptions, RDY1001.report_specific_exceptions; the entry has no effect",
            mistake.Message);
    }

    [Fact]
    public void A_key_far_from_every_option_gets_no_suggestion_and_a_rule_without_options_says_so()
    {
        var far = Assert.Single(Find("[*.cs]\nRDY1001.log_everything = true\n"));
        Assert.DoesNotContain("did you mean", far.Message, StringComparison.Ordinal);
        Assert.Contains("its options are RDY1001.expected_exceptions, RDY1001.report_specific_exceptions", far.Message, StringComparison.Ordinal);

        var none = Assert.Single(Find("[*.cs]\nRDY4004.ignored_limits = 30\n"));
        Assert.Contains("RDY4004 has no options (only its severity, dotnet_diagnostic.RDY4004.severity, can be set)", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_product_wide_key_is_RDY9004_with_the_product_options()
    {
        var mistake = Assert.Single(Find("[*.cs]\nreadiness.telemetry_type = MyCompany.AuditLog\n"));
        Assert.Equal("RDY9004", mistake.Rule.Id);
        Assert.Contains("there is no product-wide option 'telemetry_type' (did you mean 'readiness.telemetry_types'?)", mistake.Message, StringComparison.Ordinal);
        Assert.Contains("the product-wide options are readiness.non_production_environments, readiness.telemetry_methods, readiness.telemetry_types", mistake.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_rule_ID_in_a_severity_or_an_option_key_is_RDY9005_with_the_rule_IDs()
    {
        var mistakes = Find("""
            [*.cs]
            dotnet_diagnostic.RDY1010.severity = error
            RDY2099.include_controllers = true
            """);
        Assert.Equal(["RDY9005", "RDY9005"], mistakes.Select(m => m.Rule.Id));
        Assert.Equal([2, 3], mistakes.Select(m => m.Line));
        Assert.Equal(
            "'RDY1010' is not a ReadinessAnalyzers rule, so 'dotnet_diagnostic.RDY1010.severity = error' has no effect; the rules are " + OptionMistakes.IdRanges() + " (rules/README.md)",
            mistakes[0].Message);
        Assert.StartsWith("'RDY2099' is not a ReadinessAnalyzers rule, so 'RDY2099.include_controllers = true' has no effect", mistakes[1].Message, StringComparison.Ordinal);
        Assert.Matches(@"^RDY1001–RDY10\d\d, RDY2001–RDY20\d\d, RDY3001–RDY30\d\d, RDY4001–RDY40\d\d, RDY4100–RDY41\d\d, RDY9001–RDY90\d\d, RDY9100$", OptionMistakes.IdRanges());
    }

    [Fact]
    public void Severity_keys_that_reach_nothing_are_RDY9004()
    {
        var mistakes = Find("""
            [*.cs]
            dotnet_diagnostic.RDY1001.sevrity = error
            dotnet_diagnostic.RDY9004.severity = none
            dotnet_analyzer_diagnostic.category-ReadinessTelemtry.severity = error
            RDY1001_report_specific_exceptions = true
            """);
        Assert.Equal(["RDY9004", "RDY9004", "RDY9004", "RDY9004"], mistakes.Select(m => m.Rule.Id));
        Assert.Contains("the only setting of a rule under 'dotnet_diagnostic.RDY1001.' is 'dotnet_diagnostic.RDY1001.severity'", mistakes[0].Message, StringComparison.Ordinal);
        Assert.Contains("RDY9004 is reported by the readiness build task, not by the compiler", mistakes[1].Message, StringComparison.Ordinal);
        Assert.Contains("<NoWarn>RDY9004</NoWarn>", mistakes[1].Message, StringComparison.Ordinal);
        Assert.Contains("there is no category 'ReadinessTelemtry' (did you mean 'ReadinessTelemetry'?)", mistakes[2].Message, StringComparison.Ordinal);
        Assert.Contains("rule options are written RDYnnnn.option_name", mistakes[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_inline_comments_are_not_read()
    {
        var text = """
            [*.cs]
            # RDY1001.report_specific_exceptions = ture
            ; dotnet_diagnostic.RDY1010.severity = error
              # RDY2001.minimum_level = Eror
            RDY1001.report_specific_exceptions = true # was ture
            RDY2001.minimum_level = error ; not critical
            RDY1001.expected_exceptions = System.IO.IOException # ; , are comment starts
            """;
        Assert.Empty(Find(text));
    }

    [Fact]
    public void Each_mistake_is_reported_once_per_file_even_when_repeated_in_several_sections()
    {
        var mistakes = Find("""
            [*.cs]
            RDY1001.report_specific_exceptions = ture
            [src/**.cs]
            RDY1001.report_specific_exceptions = ture
            [tests/**.cs]
            RDY1001.report_specific_exceptions = yes
            """);
        Assert.Equal([2, 6], mistakes.Select(m => m.Line));
    }

    [Fact]
    public void Entries_before_the_first_section_count_only_in_a_global_file()
    {
        var ignored = Assert.Single(Find("root = true\nRDY1001.report_specific_exceptions = true\n[*.cs]\n"));
        Assert.Equal("RDY9004", ignored.Rule.Id);
        Assert.Contains("a non-global .editorconfig ignores entries there", ignored.Message, StringComparison.Ordinal);

        Assert.Empty(Find("is_global = true\nglobal_level = 100\nRDY1001.report_specific_exceptions = true\n", "/repo/readiness.globalconfig"));
        Assert.Empty(Find("RDY1001.report_specific_exceptions = true\n", "/repo/.globalconfig"));

        var bad = Assert.Single(Find("is_global = true\nRDY2001.minimum_level = Eror\n", "/repo/team.globalconfig"));
        Assert.Contains("accepts warning, error or critical", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packages_level_files_and_the_samples_settings_are_silent()
    {
        var root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "src", "ReadinessAnalyzers.Package", "build", "levels"), "*.globalconfig")
            .Concat(Directory.GetFiles(Path.Combine(root, "samples"), ".editorconfig", SearchOption.AllDirectories))
            .ToList();
        Assert.True(files.Count >= 5, "expected the four level files and the samples' .editorconfig files");
        foreach (var file in files)
        {
            Assert.Empty(OptionMistakes.Find(file, File.ReadAllText(file)));
        }
    }

    [Fact]
    public void The_task_warns_once_per_mistake_at_file_and_line_with_the_help_link()
    {
        var editorconfig = Write(".editorconfig", """
            root = true

            [*.cs]
            RDY1001.report_specific_exceptions = ture
            RDY2001.minimum_level = Eror
            RDY1001.expected_exception = System.IO.IOException
            dotnet_diagnostic.RDY1010.severity = error
            dotnet_diagnostic.RDY1001.severity = error
            dotnet_diagnostic.CA2007.severity = none
            """);
        var globalconfig = Write("team.globalconfig", "is_global = true\nreadiness.telemetry_type = MyCompany.AuditLog\nRDY1004.report_sync_methods = true\n");

        var task = Task("error", editorconfig, globalconfig, editorconfig, Path.Combine(_root, "missing.editorconfig"));
        Assert.True(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.Equal(
            [
                ("RDY9004", editorconfig, 4, "RDY1001.report_specific_exceptions = ture"),
                ("RDY9004", editorconfig, 5, "RDY2001.minimum_level = Eror"),
                ("RDY9004", editorconfig, 6, "RDY1001.expected_exception = System.IO.IOException"),
                ("RDY9005", editorconfig, 7, "dotnet_diagnostic.RDY1010.severity = error"),
                ("RDY9004", globalconfig, 2, "readiness.telemetry_type = MyCompany.AuditLog"),
            ],
            _engine.Warnings.Select(w => (w.Code, w.File, w.LineNumber, Quoted(w.Message))));
        Assert.All(_engine.Warnings, w => Assert.Equal("https://github.com/ReadinessAnalyzers/ReadinessAnalyzers/blob/main/rules/" + w.Code + ".md", w.HelpLink));
    }

    [Theory]
    [InlineData("warning")]
    [InlineData("info")]
    public void A_gate_at_warning_or_below_makes_them_errors(string failOn)
    {
        var editorconfig = Write(".editorconfig", "[*.cs]\nRDY1001.report_specific_exceptions = ture\n");
        var task = Task(failOn, editorconfig);
        Assert.False(task.Execute());
        Assert.Empty(_engine.Warnings);
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RDY9004", error.Code);
        Assert.Equal(2, error.LineNumber);
        Assert.EndsWith("(an error because ReadinessFailOn=" + failOn + ")", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("none")]
    public void Other_gates_keep_them_warnings_and_a_clean_file_logs_nothing(string failOn)
    {
        var bad = Write(".editorconfig", "[*.cs]\nRDY1001.report_specific_exceptions = ture\n");
        Assert.True(Task(failOn, bad).Execute());
        Assert.Single(_engine.Warnings);

        var clean = Write("clean.globalconfig", "is_global = true\nRDY1001.report_specific_exceptions = true\n");
        var engine = new ReadinessCheckTaskTests.RecordingEngine();
        Assert.True(new ReadinessOptionsCheck { BuildEngine = engine, FailOn = failOn, AnalyzerConfigFiles = [new TaskItem(clean)] }.Execute());
        Assert.Empty(engine.Warnings);
        Assert.Empty(engine.Errors);
    }

    private ReadinessOptionsCheck Task(string failOn, params string[] files) => new()
    {
        BuildEngine = _engine,
        FailOn = failOn,
        AnalyzerConfigFiles = files.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
    };

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The <c>key = value</c> a message quotes.</summary>
    private static string Quoted(string? message)
    {
        message ??= string.Empty;
        var first = message.IndexOf(" = ", StringComparison.Ordinal);
        var open = message.LastIndexOf('\'', first);
        return message.Substring(open + 1, message.IndexOf('\'', first) - open - 1);
    }

    /// <summary>The repository this test file was compiled from (tests/ReadinessAnalyzers.Build.Tests/ is two levels down).</summary>
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
