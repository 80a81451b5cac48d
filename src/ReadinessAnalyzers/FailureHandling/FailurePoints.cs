using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// Which calls can fail operationally — the question RDY1005 and RDY1006 ask of code nobody catches for.
/// A call can fail unless it is telemetry; a call into the BCL that is not I/O or parsing (<c>System.*</c> outside
/// <c>System.IO</c>, <c>System.Net</c>, <c>System.Data</c>, <c>System.Text.Json</c>, <c>System.Xml</c>: e.g.
/// <c>Task.Delay</c>, <c>Interlocked</c>, string and collection helpers); a call into <c>Microsoft.Extensions.*</c>
/// plumbing (DI scopes, options, hosting, logging); or a method of this compilation whose own body cannot fail
/// outside a general try/catch (looked at one level deep). An awaited <c>Task.Run</c>/<c>StartNew</c> can fail
/// (see <see cref="ExceptionCoverage"/>). Create one per compilation; thread-safe.
/// </summary>
internal sealed class FailurePoints
{
    private readonly Compilation _compilation;
    private readonly AsyncSymbols _symbols;
    private readonly TelemetryKnowledge _telemetry;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _bodyVerdicts = new(SymbolEqualityComparer.Default);

    public FailurePoints(Compilation compilation, AsyncSymbols symbols, TelemetryKnowledge telemetry)
    {
        _compilation = compilation;
        _symbols = symbols;
        _telemetry = telemetry;
    }

    /// <summary>The call can fail; calls of this compilation's methods are judged by their bodies, one level deep.</summary>
    public bool CanFail(IInvocationOperation invocation) => CanFail(invocation, followSourceMethods: true);

    /// <summary>The body of a method of this compilation can fail outside a general catch; false for other methods.</summary>
    public bool BodyCanFail(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.PartialImplementationPart ?? method;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return false;
        }

        return _bodyVerdicts.GetOrAdd(method.OriginalDefinition, ComputeBodyCanFail);
    }

    private bool CanFail(IInvocationOperation invocation, bool followSourceMethods)
    {
        var method = invocation.TargetMethod;
        if (IsInfrastructureNamespace(method.ContainingNamespace?.ToDisplayString() ?? string.Empty)
            || _telemetry.IsTelemetryCall(invocation, followHelpers: false))
        {
            return false;
        }

        var original = method.ReducedFrom ?? method;
        if (ExceptionCoverage.IsWrappedInTryCatch(original, _compilation))
        {
            return false;
        }

        if (followSourceMethods && !original.IsAbstract && !original.IsVirtual && original.MethodKind == MethodKind.Ordinary
            && SymbolEqualityComparer.Default.Equals(original.ContainingAssembly, _compilation.Assembly)
            && original.DeclaringSyntaxReferences.Length > 0)
        {
            return BodyCanFail(original);
        }

        return true;
    }

    private bool ComputeBodyCanFail(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax) || !_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

            // Runs once per method, only for methods called where nobody catches; the analyzer driver shares
            // semantic models between analyzers (the same approach as TelemetryKnowledge's helper check).
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var body = model.GetOperation(syntax);
            if (body is not null)
            {
                return ExceptionCoverage.FindUnprotectedFailure(body, _symbols, i => CanFail(i, followSourceMethods: false)) is not null;
            }
        }

        // No body to look at (extern, partial without implementation): assume it can fail.
        return true;
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
