using Microsoft.CodeAnalysis;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.Tests.HealthChecks;

/// <summary>The start-up model registers nothing where none of its rules can report: no ASP.NET Core (RDY3006
/// needs its endpoint builders) and no executable with a hosting API (every other start-up rule needs a host).</summary>
public sealed class StartupGateTests
{
    private const string HostingOnly = "namespace Microsoft.Extensions.Hosting { public interface IHostBuilder { } }";

    [Theory]
    [InlineData(true, OutputKind.DynamicallyLinkedLibrary, false, true)]
    [InlineData(true, OutputKind.ConsoleApplication, false, true)]
    [InlineData(false, OutputKind.ConsoleApplication, true, true)]
    [InlineData(false, OutputKind.DynamicallyLinkedLibrary, true, false)]
    [InlineData(false, OutputKind.ConsoleApplication, false, false)]
    [InlineData(false, OutputKind.DynamicallyLinkedLibrary, false, false)]
    public void Start_up_rules_run_only_where_an_endpoint_or_a_host_can_exist(bool aspNetCore, OutputKind outputKind, bool hostingApi, bool expected)
    {
        var spec = new TestProjectSpec { AspNetCore = aspNetCore, OutputKind = outputKind };
        spec.Sources.Add(("/src/App.cs", "public static class App { public static void Main() { } }"));
        if (hostingApi)
        {
            spec.StubSources.Add(HostingOnly);
        }

        Assert.Equal(expected, StartupGate.CanReport(TestProject.Create(spec).Compilation));
    }
}
