using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.FailureHandling;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ReadinessAnalyzers.CodeFixes.Telemetry;

/// <summary>
/// RDY2005: <c>Console.WriteLine(…)</c> / <c>Console.Out.Write(…)</c> → <c>logger.LogInformation(…)</c> and
/// <c>Console.Error.WriteLine(…)</c> → <c>logger.LogError(…)</c> through the <c>ILogger</c> in scope
/// (<see cref="LoggerInScope"/>), with a constant message template: an interpolated string, a concatenation or a
/// composite format (<c>"{0}"</c>) becomes named placeholders plus arguments, any other value one placeholder, and a
/// written exception the exception argument of <c>LogError</c>. No fix without a logger, for <c>Debug</c>/<c>Trace</c>
/// (their level is a decision), for the async writers, or for an empty line.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsoleOutputInServiceCodeFixProvider)), Shared]
public sealed class ConsoleOutputInServiceCodeFixProvider : DocumentRewriteCodeFixProvider<ConsoleOutputInServiceCodeFixProvider.Write>
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ConsoleOutputInService);

    protected override string EquivalenceKey => RuleIdentifiers.ConsoleOutputInService + ".LogWithTemplate";

    protected override string Title(Write edit) => $"Log with '{edit.Logger.Name}.{edit.Method}' and a message template";

    protected override Write? FindEdit(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        => FindWrite(root, model, diagnostic, cancellationToken);

    protected override SyntaxNode Rewrite(SyntaxNode root, SemanticModel model, IReadOnlyList<Write> writes)
    {
        var byCall = writes.ToDictionary(w => (SyntaxNode)w.Call);
        var newRoot = root.ReplaceNodes(byCall.Keys, (original, _) => byCall[original].Replacement.WithTriviaFrom(original));
        return LoggingSyntax.WithLoggingUsing(newRoot, model, writes[0].Call.SpanStart, writes[0].Logger, writes[0].Method);
    }

    private static Write? FindWrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call?.Parent is not ExpressionStatementSyntax
            || call.ArgumentList.Arguments.Count == 0
            || call.ArgumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
            || model.GetOperation(call, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "Write" or "WriteLine" } invocation
            || Level(invocation) is not { } level
            || model.Compilation.GetTypeByMetadataName(LoggerInScope.LoggerInterface) is not { } loggerType
            || LoggerInScope.Find(model, call.SpanStart, model.GetEnclosingSymbol(call.SpanStart, cancellationToken), loggerType) is not { } logger)
        {
            return null;
        }

        var arguments = call.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        var exceptionType = model.Compilation.GetTypeByMetadataName("System.Exception");
        ExpressionSyntax? exception = null;
        List<ExpressionSyntax> templateArguments;
        string template;
        if (arguments.Count == 1 && SymbolNames.IsOrInheritsFrom(model.GetTypeInfo(arguments[0], cancellationToken).Type, exceptionType))
        {
            // Console.WriteLine(ex): the exception goes where the logger records its type and stack.
            level = "LogError";
            exception = arguments[0];
            template = LoggingSyntax.FailedMessage(model, call.SpanStart, cancellationToken);
            templateArguments = new List<ExpressionSyntax>();
        }
        else if (MessageParts(arguments, invocation, model, cancellationToken) is { } parts)
        {
            (template, templateArguments) = Template(parts);
        }
        else
        {
            return null;
        }

        var callArguments = new List<ArgumentSyntax>();
        if (exception is not null)
        {
            callArguments.Add(Argument(exception.WithoutTrivia()));
        }

        callArguments.Add(Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(template))));
        callArguments.AddRange(templateArguments.Select(a => Argument(a.WithoutTrivia())));
        var replacement = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(logger.Name), IdentifierName(level)),
            ArgumentList(SeparatedList(callArguments)));
        return new Write(call, logger, level, replacement);
    }

    /// <summary>Console and Console.Out: information; Console.Error: error. Null for anything else.</summary>
    private static string? Level(IInvocationOperation invocation)
    {
        var console = invocation.TargetMethod.ContainingType;
        if (invocation.Instance is null)
        {
            return console is { Name: "Console", ContainingNamespace.Name: "System" } ? "LogInformation" : null;
        }

        return invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error", ContainingType: { Name: "Console", ContainingNamespace.Name: "System" } } stream }
            ? (stream.Name == "Error" ? "LogError" : "LogInformation")
            : null;
    }

    /// <summary>The written text as literal text and values (with their alignment and format); null when it cannot be
    /// written as a template (a character array, a format string that is not a constant, or format items out of order).</summary>
    private static List<Part>? MessageParts(List<ExpressionSyntax> arguments, IInvocationOperation invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod.Parameters.Any(p => p.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char }))
        {
            return null;
        }

        if (arguments.Count > 1)
        {
            return model.GetConstantValue(arguments[0], cancellationToken) is { HasValue: true, Value: string format }
                   && !(arguments.Count == 2 && model.GetTypeInfo(arguments[1], cancellationToken).Type is IArrayTypeSymbol)
                ? CompositeFormatParts(format, arguments.Skip(1).ToList())
                : null;
        }

        var parts = new List<Part>();
        AddParts(arguments[0], parts, model, cancellationToken);
        return parts;
    }

    private static void AddParts(ExpressionSyntax expression, List<Part> parts, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: var constant })
        {
            parts.Add(Part.Text(System.Convert.ToString(constant, CultureInfo.InvariantCulture) ?? string.Empty));
            return;
        }

        switch (expression)
        {
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                    {
                        parts.Add(Part.Text(TextOf(interpolated, text)));
                    }
                    else if (content is InterpolationSyntax { Expression: var value } interpolation
                             && model.GetConstantValue(value, cancellationToken) is { HasValue: true } folded
                             && interpolation.AlignmentClause is null && interpolation.FormatClause is null)
                    {
                        parts.Add(Part.Text(System.Convert.ToString(folded.Value, CultureInfo.InvariantCulture) ?? string.Empty));
                    }
                    else if (content is InterpolationSyntax hole)
                    {
                        parts.Add(Part.Value(hole.Expression, hole.AlignmentClause?.Value.ToString(), hole.FormatClause?.FormatStringToken.ValueText));
                    }
                }

                return;

            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression)
                                                    && model.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String:
                AddParts(binary.Left, parts, model, cancellationToken);
                AddParts(binary.Right, parts, model, cancellationToken);
                return;

            default:
                parts.Add(Part.Value(expression, null, null));
                return;
        }
    }

    /// <summary>The literal text of a part of an interpolated string: the token's value keeps a regular or verbatim
    /// string's doubled braces; a raw string has none.</summary>
    private static string TextOf(InterpolatedStringExpressionSyntax interpolated, InterpolatedStringTextSyntax text)
        => interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) || interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken)
            ? text.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}")
            : text.TextToken.ValueText;

    /// <summary><c>"Order {0} for {1,5:C}"</c> with its arguments; each index once and in order, since a message
    /// template binds its arguments by position.</summary>
    private static List<Part>? CompositeFormatParts(string format, List<ExpressionSyntax> values)
    {
        var parts = new List<Part>();
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                return null;
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                return null;
            }

            var item = format.Substring(i + 1, close - i - 1);
            var formatStart = item.IndexOf(':');
            var head = formatStart < 0 ? item : item.Substring(0, formatStart);
            var alignmentStart = head.IndexOf(',');
            var indexText = (alignmentStart < 0 ? head : head.Substring(0, alignmentStart)).Trim();
            if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index != next || index >= values.Count)
            {
                return null;
            }

            parts.Add(Part.Text(text.ToString()));
            text.Clear();
            parts.Add(Part.Value(values[index], alignmentStart < 0 ? null : head.Substring(alignmentStart + 1).Trim(), formatStart < 0 ? null : item.Substring(formatStart + 1)));
            next++;
            i = close;
        }

        parts.Add(Part.Text(text.ToString()));
        return next == values.Count ? parts : null;
    }

    private static (string Template, List<ExpressionSyntax> Arguments) Template(List<Part> parts)
    {
        var template = new StringBuilder();
        var arguments = new List<ExpressionSyntax>();
        var names = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            if (part.Expression is null)
            {
                template.Append(part.Literal.Replace("{", "{{").Replace("}", "}}"));
                continue;
            }

            var name = PlaceholderName(part.Expression);
            var unique = name;
            for (var n = 2; !names.Add(unique); n++)
            {
                unique = name + n.ToString(CultureInfo.InvariantCulture);
            }

            template.Append('{').Append(unique);
            if (part.Alignment is not null)
            {
                template.Append(',').Append(part.Alignment);
            }

            if (part.Format is not null)
            {
                template.Append(':').Append(part.Format);
            }

            template.Append('}');
            arguments.Add(part.Expression);
        }

        return (template.ToString(), arguments);
    }

    /// <summary>A PascalCase name from the value's last two names: <c>id</c> → <c>Id</c>, <c>order.Id</c> →
    /// <c>OrderId</c>, <c>context.Request.Path</c> → <c>RequestPath</c>, <c>_count</c> → <c>Count</c>; otherwise <c>Value</c>.</summary>
    private static string PlaceholderName(ExpressionSyntax expression)
    {
        var names = new List<string>();
        CollectNames(expression, names);
        var name = string.Concat(names.Skip(System.Math.Max(0, names.Count - 2)).Select(Pascal));
        return name.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(name[0]) ? "Value" : name;
    }

    private static void CollectNames(ExpressionSyntax expression, List<string> names)
    {
        switch (expression)
        {
            case SimpleNameSyntax simple:
                names.Add(simple.Identifier.ValueText);
                break;
            case MemberAccessExpressionSyntax access:
                CollectNames(access.Expression, names);
                CollectNames(access.Name, names);
                break;
            case MemberBindingExpressionSyntax binding:
                CollectNames(binding.Name, names);
                break;
            case ConditionalAccessExpressionSyntax conditional:
                CollectNames(conditional.Expression, names);
                CollectNames(conditional.WhenNotNull, names);
                break;
            case InvocationExpressionSyntax invocation:
                CollectNames(invocation.Expression, names);
                if (names.Count > 0 && names[names.Count - 1] == "ToString")
                {
                    names.RemoveAt(names.Count - 1);
                }
                else if (names.Count > 0 && names[names.Count - 1] is { Length: > 3 } method && method.StartsWith("Get", System.StringComparison.Ordinal) && char.IsUpper(method[3]))
                {
                    names[names.Count - 1] = method.Substring(3);
                }

                break;
            case ElementAccessExpressionSyntax element:
                CollectNames(element.Expression, names);
                break;
            case ParenthesizedExpressionSyntax parenthesized:
                CollectNames(parenthesized.Expression, names);
                break;
            case CastExpressionSyntax cast:
                CollectNames(cast.Expression, names);
                break;
            case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                CollectNames(postfix.Operand, names);
                break;
        }
    }

    private static string Pascal(string name)
    {
        name = name.TrimStart('_', '@');
        if (name.Length > 2 && name[1] == '_' && name[0] is 's' or 'm' or 't')
        {
            name = name.Substring(2);
        }

        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    private sealed class Part
    {
        private Part(string literal, ExpressionSyntax? expression, string? alignment, string? format)
        {
            Literal = literal;
            Expression = expression;
            Alignment = alignment;
            Format = format;
        }

        public string Literal { get; }

        public ExpressionSyntax? Expression { get; }

        public string? Alignment { get; }

        public string? Format { get; }

        public static Part Text(string literal) => new(literal, null, null, null);

        public static Part Value(ExpressionSyntax expression, string? alignment, string? format) => new(string.Empty, expression, alignment, format);
    }

    /// <summary>A console write and the log call that replaces it.</summary>
    public sealed class Write(InvocationExpressionSyntax call, ISymbol logger, string method, InvocationExpressionSyntax replacement)
    {
        public InvocationExpressionSyntax Call { get; } = call;

        public ISymbol Logger { get; } = logger;

        public string Method { get; } = method;

        public InvocationExpressionSyntax Replacement { get; } = replacement;
    }
}
