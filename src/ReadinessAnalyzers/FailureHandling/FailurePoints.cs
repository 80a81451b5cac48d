using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// Which calls can fail operationally — the question RDY1005 and RDY1006 ask of code nobody catches for.
/// A call can fail unless it is telemetry; a call into the BCL that is not I/O or parsing (<c>System.*</c> outside
/// <c>System.IO</c>, <c>System.Net</c>, <c>System.Data</c>, <c>System.Text.Json</c>, <c>System.Xml</c>: e.g.
/// <c>Task.Delay</c>, <c>Interlocked</c>, string and collection helpers); a call into <c>Microsoft.Extensions.*</c>
/// plumbing (DI scopes, options, hosting, logging); or a method of this compilation whose whole body is wrapped in
/// a general try/catch. An awaited <c>Task.Run</c>/<c>StartNew</c> can fail (see <see cref="ExceptionCoverage"/>).
/// </summary>
internal sealed class FailurePoints
{
    private readonly Compilation _compilation;
    private readonly TelemetryKnowledge _telemetry;

    public FailurePoints(Compilation compilation, TelemetryKnowledge telemetry)
    {
        _compilation = compilation;
        _telemetry = telemetry;
    }

    public TelemetryKnowledge Telemetry => _telemetry;

    public bool CanFail(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (IsInfrastructureNamespace(method.ContainingNamespace?.ToDisplayString() ?? string.Empty)
            || _telemetry.IsTelemetryCall(invocation, followHelpers: false))
        {
            return false;
        }

        return !ExceptionCoverage.IsWrappedInTryCatch(method.ReducedFrom ?? method, _compilation);
    }

    private static bool IsInfrastructureNamespace(string ns)
    {
        if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal))
        {
            return !(ns.StartsWith("System.IO", StringComparison.Ordinal)
                     || ns.StartsWith("System.Net", StringComparison.Ordinal)
                     || ns.StartsWith("System.Data", StringComparison.Ordinal)
                     || ns.StartsWith("System.Text.Json", StringComparison.Ordinal)
                     || ns.StartsWith("System.Xml", StringComparison.Ordinal));
        }

        return ns.StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.Options", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal);
    }
}
