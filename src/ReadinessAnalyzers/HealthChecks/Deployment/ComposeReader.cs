using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.RepresentationModel;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>Reads the services of a docker-compose file: name, image, build, ports, environment (list and map
/// forms) and the healthcheck (string and list forms). A file without <c>services:</c> is skipped without a word.</summary>
internal static class ComposeReader
{
    public static ComposeFile Read(SourceText text)
    {
        if (YamlReading.IsTemplate(text))
        {
            return new ComposeFile(text, ImmutableArray<ComposeService>.Empty, error: null);
        }

        try
        {
            var documents = YamlReading.Load(text, out var error);
            var services = ImmutableArray.CreateBuilder<ComposeService>();
            foreach (var document in documents)
            {
                if (document.RootNode.Child("services") is not YamlMappingNode mapping)
                {
                    continue;
                }

                foreach (var pair in mapping.Children)
                {
                    if (pair.Key.Located(text) is { } name)
                    {
                        services.Add(ReadService(name, pair.Value, text));
                    }
                }
            }

            return new ComposeFile(text, services.ToImmutable(), error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ComposeFile(text, ImmutableArray<ComposeService>.Empty, error: null);
        }
    }

    private static ComposeService ReadService(Located name, YamlNode node, SourceText text)
    {
        var build = node.Child("build");
        var service = new ComposeService(name, node.Child("image").Located(text), build.Text() ?? build.Child("context").Text(), build.Child("dockerfile").Text());
        foreach (var port in node.Child("ports").Items())
        {
            if (port.Child("target").Located(text) is { } target)
            {
                service.ContainerPorts.Add(target);
            }
            else if (port.Located(text) is { } mapping)
            {
                var containerSide = mapping.Value.Split(':').Last();
                var slash = containerSide.IndexOf('/');
                service.ContainerPorts.Add(new Located(slash < 0 ? containerSide : containerSide.Substring(0, slash), mapping.Span));
            }
        }

        var environment = node.Child("environment");
        if (environment is YamlMappingNode map)
        {
            foreach (var pair in map.Children)
            {
                if (pair.Key.Text() is { } key && pair.Value.Located(text) is { } value)
                {
                    service.Environment.Add((key, value));
                }
            }
        }
        else
        {
            foreach (var item in environment.Items())
            {
                if (item.Located(text) is { } entry && entry.Value.IndexOf('=') is var equals and > 0)
                {
                    service.Environment.Add((entry.Value.Substring(0, equals), new Located(entry.Value.Substring(equals + 1), entry.Span)));
                }
            }
        }

        service.EnvironmentFromFiles = node.Child("env_file") is not null;
        service.Healthcheck = ReadHealthcheck(node.Child("healthcheck"), text);
        return service;
    }

    private static ComposeHealthcheck? ReadHealthcheck(YamlNode? healthcheck, SourceText text)
    {
        if (healthcheck is null || healthcheck.Child("disable").Text() is "true" or "True")
        {
            return null;
        }

        var test = healthcheck.Child("test");
        if (test.Located(text) is { } shell)
        {
            return new ComposeHealthcheck(shell: true, DockerfileReader.Split(shell.Value).Select(w => DockerfileReader.Unquote(w.Text)).ToImmutableArray(), shell);
        }

        var items = test.Items().ToList();
        if (items.Count < 2 || items[0].Text() is not { } form || items[1].Located(text) is not { } first)
        {
            return null;
        }

        var rest = items.Skip(1).Select(i => i.Text() ?? string.Empty).ToImmutableArray();
        return form switch
        {
            "CMD" => new ComposeHealthcheck(shell: false, rest, new Located(string.Join(" ", rest), first.Span), items.Skip(1).FirstOrDefault(i => i.Text()?.IndexOf("://", StringComparison.Ordinal) > 0).Located(text)?.Span),
            "CMD-SHELL" => new ComposeHealthcheck(shell: true, DockerfileReader.Split(first.Value).Select(w => DockerfileReader.Unquote(w.Text)).ToImmutableArray(), first),
            _ => null,
        };
    }
}
