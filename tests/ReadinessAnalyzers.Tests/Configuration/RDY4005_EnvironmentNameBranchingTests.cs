using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Configuration.EnvironmentNameBranchingAnalyzer>;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4005_EnvironmentNameBranchingTests
{
    [Fact]
    public Task Equality_with_a_literal_environment_name_is_reported_with_the_matching_helper()
    {
        var test = Verify.Create("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if ({|#0:app.Environment.EnvironmentName == "Production"|})
            {
                app.UseHsts();
            }
            app.Run();
            """);
        test.ExpectedMessages[0] = "This compares the environment name with \"Production\": a hand-written comparison is easy to get wrong (case, spelling) and spreads environment-specific behaviour through the code; use env.IsProduction(), or better a configuration setting that each environment sets";
        return test.RunAsync();
    }

    [Fact]
    public Task Equals_calls_patterns_switches_and_the_environment_variable_are_reported()
        => Verify.VerifyAsync("""
            class Startup
            {
                void Configure(IWebHostEnvironment env, IHostEnvironment host)
                {
                    if ([|string.Equals(env.EnvironmentName, "Staging", StringComparison.OrdinalIgnoreCase)|]) { }
                    if ([|"Development".Equals(host.EnvironmentName)|]) { }
                    if ([|host.EnvironmentName != "Development"|]) { }
                    if (env.EnvironmentName is [|"QA"|] or [|"Test"|]) { }
                    switch (env.EnvironmentName)
                    {
                        case [|"Production"|]:
                            break;
                    }

                    var level = host.EnvironmentName switch { [|"Production"|] => 1, _ => 2 };
                    if ([|Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") == "Production"|]) { }
                }
            }
            """);

    [Fact]
    public Task Helpers_configuration_and_other_comparisons_are_not_reported()
        => Verify.VerifyAsync("""
            class Startup
            {
                void Configure(IWebHostEnvironment env, IConfiguration configuration, string environmentName)
                {
                    if (env.IsProduction() || env.IsEnvironment("QA")) { }
                    if (configuration["Features:Hsts"] == "true") { }
                    if (environmentName == "Production") { }
                    if (env.ApplicationName == "Orders") { }
                    if (Environment.GetEnvironmentVariable("REGION") == "eu") { }
                    var name = env.EnvironmentName;
                    if (env.EnvironmentName == null) { }
                }
            }
            """);
}
