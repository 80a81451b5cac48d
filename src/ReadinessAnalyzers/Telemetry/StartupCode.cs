using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// Where a service's start-up code lives: the entry point's type (top-level statements, <c>Main</c> and the other
/// members of <c>Program</c>) and a <c>Startup</c> class — except lambdas registered there that ASP.NET Core runs
/// per request (<c>MapGet</c>, <c>Map…</c>, <c>Use</c>, <c>UseWhen</c>, <c>Run(RequestDelegate)</c>).
/// Shared by RDY2004 and RDY2005.
/// </summary>
internal static class StartupCode
{
    public static bool Contains(IOperation operation, ISymbol containingSymbol)
    {
        var type = containingSymbol.ContainingType;
        return type is not null && IsStartupType(type) && FindPerRequestHandler(operation) is null;
    }

    public static bool IsStartupType(INamedTypeSymbol type)
    {
        if (type.Name == "Startup")
        {
            return true;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost enclosing lambda that is passed to an ASP.NET Core per-request registration.</summary>
    public static IOperation? FindPerRequestHandler(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation)
            {
                continue;
            }

            var handler = current;
            while (handler.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                handler = handler.Parent;
            }

            if (handler.Parent is IArgumentOperation { Parent: IInvocationOperation owner } && IsPerRequestRegistration(owner.TargetMethod))
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsPerRequestRegistration(IMethodSymbol method)
        => (method.Name.StartsWith("Map", System.StringComparison.Ordinal) || method.Name is "Use" or "Run" or "UseWhen")
           && method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", System.StringComparison.Ordinal) == true;

    public static string DescribeMember(ISymbol symbol)
        => symbol switch
        {
            IMethodSymbol { Name: "<Main>$" } => "top-level statements",
            IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor => accessor.AssociatedSymbol?.Name ?? accessor.Name,
            IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } method => method.ContainingType.Name + " constructor",
            _ => symbol.Name,
        };
}
