using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.CodeFixes.HealthChecks;

/// <summary>
/// A <c>MapHealthChecks</c>/<c>UseHealthChecks</c> call the start-up rules report (at the method name), in a
/// statement of its own (<c>app.MapHealthChecks("/healthz").AllowAnonymous();</c>) or a lambda body: its path and
/// <c>HealthCheckOptions</c> arguments as written. Null when the options are not written at the call.
/// </summary>
internal sealed class HealthEndpointSyntax
{
    private HealthEndpointSyntax(InvocationExpressionSyntax invocation, ExpressionSyntax outer, ExpressionStatementSyntax? statement, ArgumentSyntax? path, ArgumentSyntax? options)
    {
        Invocation = invocation;
        Outer = outer;
        Statement = statement;
        Path = path;
        Options = options;
    }

    public InvocationExpressionSyntax Invocation { get; }

    /// <summary>The call, or the chain of calls on its result (<c>.AllowAnonymous()</c>).</summary>
    public ExpressionSyntax Outer { get; }

    /// <summary>The statement whose expression is <see cref="Outer"/>, in a block or at top level; null elsewhere.</summary>
    public ExpressionStatementSyntax? Statement { get; }

    /// <summary>The result is not used: a statement, or the body of a lambda or member that returns nothing
    /// (<c>endpoints =&gt; endpoints.MapHealthChecks(…)</c>), so calls can be chained on it.</summary>
    public bool ResultUnused => Outer.Parent is ExpressionStatementSyntax or AnonymousFunctionExpressionSyntax or ArrowExpressionClauseSyntax;

    public ArgumentSyntax? Path { get; }

    /// <summary>A <c>new HealthCheckOptions { … }</c> (or target-typed <c>new() { … }</c>) argument.</summary>
    public ArgumentSyntax? Options { get; }

    public string MethodName => Invocation.Expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : string.Empty;

    /// <summary>The path as a constant, when it is one.</summary>
    public string? PathText(SemanticModel semanticModel, CancellationToken cancellationToken)
        => Path is null ? null : semanticModel.GetConstantValue(Path.Expression, cancellationToken) is { HasValue: true, Value: string text } ? text : null;

    public InitializerExpressionSyntax? OptionsInitializer => Options?.Expression switch
    {
        ObjectCreationExpressionSyntax creation => creation.Initializer,
        ImplicitObjectCreationExpressionSyntax creation => creation.Initializer,
        _ => null,
    };

    public static HealthEndpointSyntax? Find(SyntaxNode root, SemanticModel semanticModel, TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindNode(span, getInnermostNodeForTie: true) is not SimpleNameSyntax name
            || name.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member
            || member.Name != name
            || name.Identifier.ValueText is not ("MapHealthChecks" or "UseHealthChecks"))
        {
            return null;
        }

        ExpressionSyntax outer = invocation;
        while (outer.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax chained } access && access.Expression == outer)
        {
            outer = chained;
        }

        var statement = outer.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } s ? s : null;

        ArgumentSyntax? path = null;
        ArgumentSyntax? options = null;
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var type = semanticModel.GetTypeInfo(argument.Expression, cancellationToken).ConvertedType;
            if ((type?.SpecialType == SpecialType.System_String || type?.Name == "PathString") && path is null)
            {
                path = argument;
            }
            else if (type?.Name == "HealthCheckOptions")
            {
                if (argument.Expression is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
                {
                    return null;
                }

                options = argument;
            }
        }

        return new HealthEndpointSyntax(invocation, outer, statement, path, options);
    }
}
