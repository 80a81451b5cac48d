using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessAnalyzers.Baseline;
using ReadinessAnalyzers.Tests.Catalog;

namespace ReadinessAnalyzers.Tests.Baseline;

/// <summary>
/// The fingerprint's member names (the baseline format's outline rules, <see cref="SyntaxFingerprint"/>) against the
/// plain reading of Roslyn's syntax tree, on every C# file of this repository: raw and interpolated strings,
/// generics, attributes, records, primary constructors, expression bodies, lambdas and local functions in real code.
/// For every statement and expression-bodied member, the member name must be the one the tree gives.
/// </summary>
public sealed class FingerprintOutlineTests
{
    [Fact]
    public void Member_names_agree_with_the_syntax_tree_on_every_file_of_the_repository()
    {
        var files = new[] { "src", "tests", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RuleCatalog.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "TestData" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 20, "expected the repository's sources");

        var mismatches = new List<string>();
        var checkedPositions = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var tree = CSharpSyntaxTree.ParseText(text, path: file);
            foreach (var node in tree.GetRoot().DescendantNodes().Where(n => n is StatementSyntax and not BlockSyntax || n is ArrowExpressionClauseSyntax || n is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax }))
            {
                var expected = ExpectedMember(node);
                if (expected is null)
                {
                    continue;
                }

                checkedPositions++;
                FindingFingerprint.TryParseSyntaxPart(SyntaxFingerprint.ForSource(tree, node.Span), out var actual, out _, out _);
                if (actual != expected)
                {
                    mismatches.Add($"{Path.GetRelativePath(RuleCatalog.RepositoryRoot, file)}({node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}): expected '{expected}', outline says '{actual}'");
                }
            }
        }

        Assert.True(checkedPositions > 500, "too few positions checked: " + checkedPositions);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedPositions} positions disagree:\n" + string.Join("\n", mismatches.Take(40)));
    }

    /// <summary>The format's naming, computed from the tree: Namespace.Type.Member, arity and interface prefixes
    /// dropped, local functions and lambdas inside their member, top-level statements as &lt;top-level&gt;.</summary>
    private static string? ExpectedMember(SyntaxNode node)
    {
        MemberDeclarationSyntax? member = null;
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax)
            {
                member = (MemberDeclarationSyntax)ancestor;
            }
            else if (ancestor is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                break;
            }
        }

        if (member is null)
        {
            return node.Ancestors().Any(a => a is GlobalStatementSyntax) ? FindingFingerprint.TopLevelMember : null;
        }

        var name = member switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            ConstructorDeclarationSyntax c => c.Identifier.ValueText,
            DestructorDeclarationSyntax d => "~" + d.Identifier.ValueText,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            EventDeclarationSyntax e => e.Identifier.ValueText,
            IndexerDeclarationSyntax => "this[]",
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
            ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
            FieldDeclarationSyntax f => f.Declaration.Variables[0].Identifier.ValueText,
            EventFieldDeclarationSyntax e => e.Declaration.Variables[0].Identifier.ValueText,
            _ => null,
        };
        if (name is null || member.Parent is not TypeDeclarationSyntax)
        {
            return null;
        }

        var parts = new List<string> { name };
        foreach (var ancestor in member.Ancestors())
        {
            switch (ancestor)
            {
                case BaseTypeDeclarationSyntax type:
                    parts.Add(type.Identifier.ValueText);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    parts.Add(ns.Name.ToString().Replace(" ", string.Empty, StringComparison.Ordinal));
                    break;
            }
        }

        parts.Reverse();
        return string.Join(".", parts);
    }
}
