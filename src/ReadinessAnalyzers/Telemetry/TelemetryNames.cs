using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// A telemetry name as written in code, kept until the whole compilation has been seen: a constant, a static
/// read-only member's initial value, a parameter of a method of this compilation (resolved through its call sites),
/// or a concatenation of these. Anything else is unknown.
/// </summary>
internal abstract class NameExpression
{
    public static readonly NameExpression Unknown = new UnknownName();

    private sealed class UnknownName : NameExpression
    {
    }
}

internal sealed class LiteralName : NameExpression
{
    public LiteralName(string value) => Value = value;

    public string Value { get; }
}

/// <summary>A static read-only field or property: its initializer's value.</summary>
internal sealed class MemberName : NameExpression
{
    public MemberName(ISymbol member) => Member = member;

    public ISymbol Member { get; }
}

/// <summary>A parameter: the values its method's callers in this compilation pass.</summary>
internal sealed class ParameterName : NameExpression
{
    public ParameterName(IParameterSymbol parameter) => Parameter = parameter;

    public IParameterSymbol Parameter { get; }
}

internal sealed class ConcatenatedName : NameExpression
{
    public ConcatenatedName(IReadOnlyList<NameExpression> parts) => Parts = parts;

    public IReadOnlyList<NameExpression> Parts { get; }
}

/// <summary>Turns operations into <see cref="NameExpression"/>s.</summary>
internal sealed class NameExpressions
{
    private readonly INamedTypeSymbol? _activitySource;
    private readonly INamedTypeSymbol? _meter;

    public NameExpressions(INamedTypeSymbol? activitySource, INamedTypeSymbol? meter)
    {
        _activitySource = activitySource;
        _meter = meter;
    }

    /// <summary>Adds the names an argument passes to <paramref name="names"/>: each element of <c>params</c>/array
    /// arguments, else the value itself (no enumerator or array per argument: this runs for many calls).</summary>
    public void AddAllOf(IOperation value, ConcurrentQueue<NameExpression> names)
    {
        value = Unwrap(value);
        if (value is IArrayCreationOperation array)
        {
            if (array.Initializer is { } initializer)
            {
                foreach (var element in initializer.ElementValues)
                {
                    names.Enqueue(Of(element));
                }
            }

            return;
        }

        names.Enqueue(Of(value));
    }

    public NameExpression Of(IOperation value)
    {
        value = Unwrap(value);
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            return new LiteralName(text);
        }

        switch (value)
        {
            case IParameterReferenceOperation parameter:
                return new ParameterName(parameter.Parameter.OriginalDefinition);
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                return new MemberName(field.Field.OriginalDefinition);
            case IPropertyReferenceOperation { Property.IsStatic: true, Arguments.IsEmpty: true } property:
                return new MemberName(property.Property.OriginalDefinition);
            case IPropertyReferenceOperation { Property.Name: "FullName" or "Name", Instance: ITypeOfOperation { TypeOperand: INamedTypeSymbol type } }
                when !IsGeneric(type):
                return new LiteralName(value is IPropertyReferenceOperation { Property.Name: "FullName" } ? SymbolNames.GetFullMetadataName(type) : type.MetadataName);
            case IPropertyReferenceOperation { Property.Name: "Name", Instance: { } producer } when IsProducer(producer.Type):
                // Source.Name, where Source is a static read-only ActivitySource/Meter: its constructor's name.
                return Unwrap(producer) switch
                {
                    IFieldReferenceOperation { Field.IsStatic: true } field => new MemberName(field.Field.OriginalDefinition),
                    IPropertyReferenceOperation { Property.IsStatic: true, Arguments.IsEmpty: true } property => new MemberName(property.Property.OriginalDefinition),
                    _ => NameExpression.Unknown,
                };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                return new ConcatenatedName(new[] { Of(concatenation.LeftOperand), Of(concatenation.RightOperand) });
            case IInterpolatedStringOperation interpolated:
                return new ConcatenatedName(interpolated.Parts.Select(part => part switch
                {
                    IInterpolatedStringTextOperation text => Of(text.Text),
                    IInterpolationOperation { Alignment: null, FormatString: null } hole => Of(hole.Expression),
                    _ => NameExpression.Unknown,
                }).ToArray());
            default:
                return NameExpression.Unknown;
        }
    }

    private bool IsProducer(ITypeSymbol? type)
        => type is not null && (SymbolEqualityComparer.Default.Equals(type, _activitySource) || SymbolEqualityComparer.Default.Equals(type, _meter));

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Unwrap(IOperation operation)
        => operation is IConversionOperation { IsImplicit: true } conversion ? Unwrap(conversion.Operand) : operation;
}

/// <summary>Resolves names once the whole compilation has been seen. Null means "not known at compile time".</summary>
internal sealed class NameResolver
{
    private const int MaxDepth = 4;
    private const int MaxNames = 32;

    private readonly ConcurrentDictionary<ISymbol, NameExpression> _initialValues;
    private readonly ConcurrentDictionary<IParameterSymbol, ConcurrentQueue<NameExpression>> _arguments;

    public NameResolver(
        ConcurrentDictionary<ISymbol, NameExpression> initialValues,
        ConcurrentDictionary<IParameterSymbol, ConcurrentQueue<NameExpression>> arguments)
    {
        _initialValues = initialValues;
        _arguments = arguments;
    }

    public List<string>? Resolve(NameExpression expression) => Resolve(expression, 0);

    private List<string>? Resolve(NameExpression expression, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (expression)
        {
            case LiteralName literal:
                return new List<string> { literal.Value };
            case MemberName member:
                return _initialValues.TryGetValue(member.Member, out var initial) ? Resolve(initial, depth + 1) : null;
            case ParameterName parameter:
                // A helper that passes its parameter on: the values its callers here pass (none seen: unknown,
                // the callers may be in another assembly).
                if (!_arguments.TryGetValue(parameter.Parameter, out var passed) || passed.IsEmpty)
                {
                    return null;
                }

                var all = new List<string>();
                foreach (var argument in passed)
                {
                    if (Resolve(argument, depth + 1) is not { } names)
                    {
                        return null;
                    }

                    all.AddRange(names);
                }

                return all.Count <= MaxNames ? all : null;
            case ConcatenatedName concatenation:
                var results = new List<string> { string.Empty };
                foreach (var part in concatenation.Parts)
                {
                    if (Resolve(part, depth + 1) is not { } names || results.Count * names.Count > MaxNames)
                    {
                        return null;
                    }

                    results = results.SelectMany(prefix => names.Select(name => prefix + name)).ToList();
                }

                return results;
            default:
                return null;
        }
    }
}

/// <summary>OpenTelemetry's name matching for AddSource/AddMeter: case-insensitive, <c>*</c> and <c>?</c> wildcards.</summary>
internal static class NamePattern
{
    public static bool Matches(string pattern, string name)
        => pattern.IndexOfAny(Wildcards) < 0
            ? string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase)
            : Glob(pattern, 0, name, 0);

    private static readonly char[] Wildcards = { '*', '?' };

    private static bool Glob(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                for (var rest = n; rest <= name.Length; rest++)
                {
                    if (Glob(pattern, p + 1, name, rest))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (n >= name.Length || (c != '?' && char.ToUpperInvariant(c) != char.ToUpperInvariant(name[n])))
            {
                return false;
            }

            p++;
            n++;
        }

        return n == name.Length;
    }
}
