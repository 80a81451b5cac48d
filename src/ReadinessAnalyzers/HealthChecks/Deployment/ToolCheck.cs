using System.Linq;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>RDY3012's decision: the final stage's HEALTHCHECK and the tool its image lacks.</summary>
internal static class ToolCheck
{
    /// <summary>The message arguments (what runs, the image, why it is missing, the fix) and where, or null.</summary>
    public static (DockerHealthcheck Healthcheck, string What, string Image, string Why, string Fix)? Find(DockerfileModel dockerfile)
    {
        if (dockerfile.Final is not { } final)
        {
            return null;
        }

        var chain = dockerfile.Chain(final);
        var healthcheck = chain.LastOrDefault(s => s.Healthcheck is not null)?.Healthcheck;
        if (healthcheck is null || healthcheck.None || healthcheck.Arguments.IsDefaultOrEmpty)
        {
            return null;
        }

        var image = chain[0].Image.Value;
        var facts = ImageFacts.Describe(image);
        var runs = chain.SelectMany(s => s.Runs).ToList();
        var copies = chain.SelectMany(s => s.Copies).ToList();
        switch (facts.Family)
        {
            case ImageFamily.ShellLess:
                {
                    const string fix = "use the exec form with a program the image has (HEALTHCHECK CMD [\"dotnet\", \"/app/HealthProbe.dll\"]) or leave health checking to the orchestrator's probes";
                    if (!healthcheck.ExecForm)
                    {
                        return (healthcheck, "a shell command (HEALTHCHECK CMD without a JSON array runs /bin/sh -c)", image, "is chiseled/distroless and has no /bin/sh", fix);
                    }

                    var program = healthcheck.Arguments[0];
                    var name = HealthcheckCommand.ProgramName(program);
                    if (program.IndexOf('/') >= 0 && name is not ("sh" or "bash" or "curl" or "wget"))
                    {
                        return null; // a program the app brings (/app/probe)
                    }

                    if (facts.Lacks(name) is not { } why || ImageFacts.Installs(runs, copies, name))
                    {
                        return null;
                    }

                    return (healthcheck, "'" + name + "'", image, why, fix);
                }

            case ImageFamily.DebianOrUbuntu:
            case ImageFamily.Alpine:
                foreach (var word in healthcheck.Arguments)
                {
                    var tool = HealthcheckCommand.ProgramName(word);
                    if (tool is not ("curl" or "wget") || facts.Lacks(tool) is not { } why || ImageFacts.Installs(runs, copies, tool))
                    {
                        continue;
                    }

                    var fix = "install it in the final stage (" + facts.InstallHint(tool) + ")"
                        + (facts.Family == ImageFamily.Alpine && tool == "curl" ? " or use busybox wget (wget -q --spider http://localhost:8080/healthz)" : string.Empty);
                    return (healthcheck, "'" + tool + "'", image, why, fix);
                }

                return null;
            default:
                return null;
        }
    }
}
