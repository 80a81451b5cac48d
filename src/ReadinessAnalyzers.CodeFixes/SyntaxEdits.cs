using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ReadinessAnalyzers.CodeFixes;

/// <summary>Small syntax edits the fixes share.</summary>
internal static class SyntaxEdits
{
    /// <summary>A new statement shaped like <paramref name="anchor"/>: its indentation, a line of its own, and a
    /// global statement when the anchor is a top-level statement.</summary>
    public static SyntaxNode StatementLike(SyntaxNode anchor, string text)
    {
        var indentation = anchor.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        var statement = SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        return anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;
    }

    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string name)
        => unit.Usings.Any(u => u.Name?.ToString() == name)
            ? unit
            : unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name)).WithAdditionalAnnotations(Formatter.Annotation));

    /// <summary><paramref name="list"/> with <paramref name="argument"/> appended after ", ".</summary>
    public static ArgumentListSyntax Append(ArgumentListSyntax list, ArgumentSyntax argument)
        => list.WithArguments(Append(list.Arguments, argument));

    /// <summary><paramref name="list"/> with <paramref name="node"/> appended in the list's own layout: on the same line
    /// after ", ", or on a line of its own when the last element has one; a trailing comma is kept.</summary>
    public static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T node)
        where T : SyntaxNode
    {
        if (list.Count == 0)
        {
            return SyntaxFactory.SingletonSeparatedList(node);
        }

        var nodes = list.ToList();
        var separators = Enumerable.Range(0, list.SeparatorCount).Select(list.GetSeparator).ToList();
        var last = nodes[nodes.Count - 1];
        if (separators.Count == nodes.Count)
        {
            var trailing = separators[separators.Count - 1];
            nodes.Add(node.WithLeadingTrivia(last.GetLeadingTrivia()));
            separators.Add(trailing);
        }
        else if (last.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()));
            nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
            nodes.Add(node.WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia(last.GetTrailingTrivia()));
        }
        else
        {
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
            nodes.Add(node.WithTrailingTrivia(last.GetTrailingTrivia()));
        }

        return SyntaxFactory.SeparatedList(nodes, separators);
    }

    /// <summary>A name not in scope at <paramref name="position"/>: the first of <paramref name="candidates"/> that is free.</summary>
    public static string FreeName(SemanticModel semanticModel, int position, params string[] candidates)
    {
        var taken = new HashSet<string>(semanticModel.LookupSymbols(position).Select(s => s.Name));
        return candidates.FirstOrDefault(c => !taken.Contains(c)) ?? candidates[candidates.Length - 1] + "1";
    }
}
