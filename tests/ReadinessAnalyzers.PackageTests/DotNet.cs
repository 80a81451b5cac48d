using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>The result of one <c>dotnet</c> command: exit code and everything it printed.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Shown in every assertion message, so a failure explains itself.</summary>
    public override string ToString() => $"> {CommandLine}\n(exit code {ExitCode})\n{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process with an environment that cannot leak state between runs:
/// no build servers or reused MSBuild nodes (they would outlive the test and hold its output pipes), none of
/// the MSBuild variables the test host inherited from the outer <c>dotnet test</c>, and the given NuGet
/// package folder.
/// </summary>
internal static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// The variables by which the readiness gate recognises a CI build, and the GitHub Actions job summary (a test that
    /// sets GITHUB_ACTIONS=true on a runner must not write to the real one).
    /// </summary>
    private static readonly string[] CiVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS", "ContinuousIntegrationBuild", "GITHUB_STEP_SUMMARY"];

    /// <summary>Added after the command's verb: keep every MSBuild invocation self-contained.</summary>
    private static readonly string[] NoServers = ["-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:UseRazorBuildServer=false"];

    /// <summary>Runs <c>dotnet verb …</c> (an MSBuild verb: build, pack, msbuild).</summary>
    public static Task<CommandResult> RunAsync(string workingDirectory, string nugetPackages, string verb, params string[] arguments)
        => RunAsync(workingDirectory, nugetPackages, environment: null, verb, arguments);

    /// <summary>
    /// As above, with environment variables set (a null value removes one). The CI variables that the readiness
    /// gate reads (CI, TF_BUILD, GITHUB_ACTIONS) are always removed first, so a build here behaves like a
    /// developer's machine unless a test sets them: the outer CI run must not change what the tests see.
    /// </summary>
    public static Task<CommandResult> RunAsync(string workingDirectory, string nugetPackages, IReadOnlyDictionary<string, string?>? environment, string verb, params string[] arguments)
        => RunCommandAsync(workingDirectory, nugetPackages, environment, [verb, .. NoServers, .. arguments]);

    /// <summary>Runs a dotnet command that is not an MSBuild verb (e.g. <c>dotnet format</c>), with the same environment.</summary>
    public static Task<CommandResult> RunToolAsync(string workingDirectory, string nugetPackages, params string[] arguments)
        => RunCommandAsync(workingDirectory, nugetPackages, environment: null, arguments);

    private static async Task<CommandResult> RunCommandAsync(string workingDirectory, string nugetPackages, IReadOnlyDictionary<string, string?>? environment, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("NUGET_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            {
                startInfo.Environment.Remove(name);
            }
        }

        foreach (var name in CiVariables)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        startInfo.Environment["NUGET_PACKAGES"] = nugetPackages;
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var commandLine = "dotnet " + string.Join(' ', arguments);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start: " + commandLine);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var cancel = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{commandLine}' did not finish within {Timeout}.");
            }
        }

        var output = await stdout + await stderr;
        return new CommandResult(commandLine, process.ExitCode, output);
    }
}
