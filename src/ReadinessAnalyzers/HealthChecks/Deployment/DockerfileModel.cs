using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>A Dockerfile as <see cref="DockerfileReader"/> reads it: its build stages, or why it cannot be read.</summary>
internal sealed class DockerfileModel
{
    public DockerfileModel(SourceText text, ImmutableArray<DockerStage> stages, DescriptorError? error)
    {
        Text = text;
        Stages = stages;
        Error = error;
    }

    public SourceText Text { get; }

    public ImmutableArray<DockerStage> Stages { get; }

    public DescriptorError? Error { get; }

    /// <summary>The stage the image is built from: the last <c>FROM</c>.</summary>
    public DockerStage? Final => Stages.IsDefaultOrEmpty ? null : Stages[Stages.Length - 1];

    /// <summary>The stage and the stages it is built on (<c>FROM base AS final</c>), the root first.</summary>
    public IReadOnlyList<DockerStage> Chain(DockerStage stage)
    {
        var chain = new List<DockerStage> { stage };
        var current = stage;
        while (chain.Count <= Stages.Length && FindStage(current.Image.Value, current.Index) is { } parent)
        {
            chain.Insert(0, parent);
            current = parent;
        }

        return chain;
    }

    /// <summary>The image the stage is finally based on (following <c>FROM stage</c>).</summary>
    public string BaseImage(DockerStage stage) => Chain(stage)[0].Image.Value;

    /// <summary>An earlier stage named <paramref name="name"/> (stage names are case-insensitive).</summary>
    private DockerStage? FindStage(string name, int before)
    {
        for (var i = before - 1; i >= 0; i--)
        {
            if (Stages[i].Name is { } stageName && string.Equals(stageName, name, StringComparison.OrdinalIgnoreCase))
            {
                return Stages[i];
            }
        }

        return null;
    }
}

/// <summary>One build stage: <c>FROM image [AS name]</c> and what follows it up to the next <c>FROM</c>.</summary>
internal sealed class DockerStage
{
    public DockerStage(int index, Located image, string? name)
    {
        Index = index;
        Image = image;
        Name = name;
    }

    public int Index { get; }

    /// <summary>The image reference after simple <c>ARG</c> substitution, located at the <c>FROM</c> argument.</summary>
    public Located Image { get; }

    public string? Name { get; }

    /// <summary><c>ENV</c> settings in order (a later one wins), with the span of the value.</summary>
    public List<(string Name, Located Value)> Environment { get; } = new();

    /// <summary><c>EXPOSE</c> ports (the number only).</summary>
    public List<Located> ExposedPorts { get; } = new();

    /// <summary>The text of each <c>RUN</c> (continuations joined).</summary>
    public List<string> Runs { get; } = new();

    /// <summary>The arguments of each <c>COPY</c>/<c>ADD</c>.</summary>
    public List<string> Copies { get; } = new();

    /// <summary>The arguments of each <c>WORKDIR</c>.</summary>
    public List<string> WorkDirectories { get; } = new();

    /// <summary>The last <c>HEALTHCHECK</c> of the stage (the one that counts), if any.</summary>
    public DockerHealthcheck? Healthcheck { get; set; }
}

/// <summary><c>HEALTHCHECK [options] CMD …</c> or <c>HEALTHCHECK NONE</c>.</summary>
internal sealed class DockerHealthcheck
{
    public DockerHealthcheck(bool none, bool execForm, ImmutableArray<string> arguments, string command, TextSpan commandSpan)
    {
        None = none;
        ExecForm = execForm;
        Arguments = arguments;
        Command = command;
        CommandSpan = commandSpan;
    }

    public bool None { get; }

    /// <summary><c>CMD ["curl", "-f", "http://localhost:8080/healthz"]</c> (no shell) rather than <c>CMD curl -f …</c> (run by /bin/sh).</summary>
    public bool ExecForm { get; }

    /// <summary>The exec form's arguments, or the shell form's words.</summary>
    public ImmutableArray<string> Arguments { get; }

    /// <summary>The command as written after <c>CMD</c>.</summary>
    public string Command { get; }

    /// <summary>Where the command is (the finding's location).</summary>
    public TextSpan CommandSpan { get; }
}
