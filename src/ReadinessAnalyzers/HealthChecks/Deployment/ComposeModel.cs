using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>The services of a docker-compose file, or why it cannot be read.</summary>
internal sealed class ComposeFile
{
    public ComposeFile(SourceText text, ImmutableArray<ComposeService> services, DescriptorError? error)
    {
        Text = text;
        Services = services;
        Error = error;
    }

    public SourceText Text { get; }

    public ImmutableArray<ComposeService> Services { get; }

    public DescriptorError? Error { get; }
}

internal sealed class ComposeService
{
    public ComposeService(Located name, Located? image, string? buildContext, string? dockerfile)
    {
        Name = name;
        Image = image;
        BuildContext = buildContext;
        Dockerfile = dockerfile;
    }

    /// <summary>The service's key under <c>services:</c>.</summary>
    public Located Name { get; }

    public Located? Image { get; }

    /// <summary><c>build: path</c> or <c>build.context</c>.</summary>
    public string? BuildContext { get; }

    /// <summary><c>build.dockerfile</c>.</summary>
    public string? Dockerfile { get; }

    /// <summary>The container side of each <c>ports</c> entry (<c>"8080:80"</c> → 80, long syntax <c>target</c>).</summary>
    public List<Located> ContainerPorts { get; } = new();

    /// <summary><c>environment</c>, list (<c>- A=B</c>) or map (<c>A: B</c>) form.</summary>
    public List<(string Name, Located Value)> Environment { get; } = new();

    /// <summary><c>env_file</c> is present: variables we cannot see.</summary>
    public bool EnvironmentFromFiles { get; set; }

    /// <summary><c>healthcheck.test</c>, unless <c>disable: true</c> or <c>["NONE"]</c>.</summary>
    public ComposeHealthcheck? Healthcheck { get; set; }
}

/// <summary><c>test: ["CMD", "curl", …]</c> (exec), <c>["CMD-SHELL", "curl …"]</c> or a string (run by the shell).</summary>
internal sealed class ComposeHealthcheck
{
    public ComposeHealthcheck(bool shell, ImmutableArray<string> words, Located command, TextSpan? urlSpan = null)
    {
        Shell = shell;
        Words = words;
        Command = command;
        UrlSpan = urlSpan;
    }

    /// <summary>In the list form, the item with the URL (where a finding about its path or port goes).</summary>
    public TextSpan? UrlSpan { get; }

    public bool Shell { get; }

    /// <summary>The exec form's arguments (after <c>CMD</c>) or the shell command's words.</summary>
    public ImmutableArray<string> Words { get; }

    /// <summary>The command text and where it is.</summary>
    public Located Command { get; }
}
