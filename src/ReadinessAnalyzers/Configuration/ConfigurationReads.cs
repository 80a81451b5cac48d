using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Configuration;

/// <summary>The shape of a configuration read, as the contract names it.</summary>
internal static class ReadKinds
{
    public const string Indexer = "indexer";
    public const string GetValue = "GetValue";
    public const string GetConnectionString = "GetConnectionString";
    public const string GetSection = "GetSection";
    public const string GetRequiredSection = "GetRequiredSection";
    public const string Options = "options";
}

/// <summary>One key the code reads, at one place.</summary>
internal sealed class KeyRead
{
    public KeyRead(string key, Location location, string kind, bool required, bool hasDefault, bool failsAtStartup, bool isSection, IParameterSymbol? rootParameter, string? boundProperty)
    {
        Key = key;
        Location = location;
        Kind = kind;
        Required = required;
        HasDefault = hasDefault;
        FailsAtStartup = failsAtStartup;
        IsSection = isSection;
        RootParameter = rootParameter;
        BoundProperty = boundProperty;
    }

    /// <summary>The full key, <c>Payments:BaseUrl</c>.</summary>
    public string Key { get; }

    public Location Location { get; }

    public string Kind { get; }

    /// <summary>The code needs a value: it neither states a default nor checks for null where it reads.</summary>
    public bool Required { get; }

    public bool HasDefault { get; }

    /// <summary>Missing, the host does not start (GetRequiredSection, ValidateOnStart): RDY4007 rather than RDY4006.</summary>
    public bool FailsAtStartup { get; }

    /// <summary>A section is there when any key below it is (GetSection, GetRequiredSection, a bound property); a value read needs the key itself.</summary>
    public bool IsSection { get; }

    /// <summary>The <c>IConfiguration</c> parameter the key is relative to, when the read starts from one.</summary>
    public IParameterSymbol? RootParameter { get; }

    /// <summary>For an options binding: <c>PaymentOptions.ApiKey</c>.</summary>
    public string? BoundProperty { get; }
}

/// <summary>An options class bound to a configuration section (<c>Configure&lt;T&gt;(section)</c>, <c>BindConfiguration("A")</c>, <c>Bind(section)</c>).</summary>
internal sealed class OptionsBinding
{
    public OptionsBinding(ITypeSymbol optionsType, string section, Location location, IParameterSymbol? rootParameter)
    {
        OptionsType = optionsType;
        Section = section;
        Location = location;
        RootParameter = rootParameter;
    }

    public ITypeSymbol OptionsType { get; }

    public string Section { get; }

    public Location Location { get; }

    public IParameterSymbol? RootParameter { get; }
}

/// <summary>
/// The configuration types of one compilation and how to read keys off operations: which expression is an
/// <c>IConfiguration</c>, which section path it stands for (<c>config.GetSection("A").GetSection("B")</c> is <c>A:B</c>),
/// and whether the code handles a missing value where it reads it. Symbols are resolved once per compilation.
/// </summary>
internal sealed class ConfigurationSymbols
{
    private const int MaxDepth = 8;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _isConfiguration = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, IReadOnlyList<(string Name, string Property)>> _requiredProperties = new(SymbolEqualityComparer.Default);

    private ConfigurationSymbols(INamedTypeSymbol configuration, INamedTypeSymbol? section, INamedTypeSymbol? optionsBuilder, INamedTypeSymbol? hostApplicationBuilder, INamedTypeSymbol? required, INamedTypeSymbol? keyName)
    {
        Configuration = configuration;
        Section = section;
        OptionsBuilder = optionsBuilder;
        HostApplicationBuilder = hostApplicationBuilder;
        Required = required;
        KeyName = keyName;
    }

    public INamedTypeSymbol Configuration { get; }

    public INamedTypeSymbol? Section { get; }

    public INamedTypeSymbol? OptionsBuilder { get; }

    public INamedTypeSymbol? HostApplicationBuilder { get; }

    public INamedTypeSymbol? Required { get; }

    public INamedTypeSymbol? KeyName { get; }

    /// <summary>Null when the compilation cannot read configuration (no Microsoft.Extensions.Configuration.Abstractions).</summary>
    public static ConfigurationSymbols? Create(Compilation compilation)
        => TypeLookup.Get(compilation, "Microsoft.Extensions.Configuration.IConfiguration") is { } configuration
            ? new ConfigurationSymbols(
                configuration,
                TypeLookup.Get(compilation, "Microsoft.Extensions.Configuration.IConfigurationSection"),
                TypeLookup.Get(compilation, "Microsoft.Extensions.Options.OptionsBuilder`1"),
                TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostApplicationBuilder"),
                TypeLookup.Get(compilation, "System.ComponentModel.DataAnnotations.RequiredAttribute"),
                TypeLookup.Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute"))
            : null;

    public bool IsConfiguration(ITypeSymbol? type)
        => type is not null && _isConfiguration.GetOrAdd(type, t => SymbolNames.Implements(t, Configuration));

    /// <summary><c>T</c> of an <c>OptionsBuilder&lt;T&gt;</c>, else null.</summary>
    public ITypeSymbol? OptionsTypeOf(ITypeSymbol? builder)
        => OptionsBuilder is not null && builder is INamedTypeSymbol { TypeArguments.Length: 1 } named
           && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, OptionsBuilder)
            ? named.TypeArguments[0]
            : null;

    /// <summary>The object a configuration call works on: the instance, or the first argument of an extension method.</summary>
    public static IOperation? Receiver(IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
        {
            return instance;
        }

        return invocation.TargetMethod.IsExtensionMethod ? Argument(invocation, 0)?.Value : null;
    }

    public static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    public static IArgumentOperation? Argument(IInvocationOperation invocation, string name)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>A non-empty compile-time string (literal, constant, <c>nameof</c>, constant interpolation), else null.</summary>
    public static string? ConstantKey(IOperation? value)
        => value?.ConstantValue is { HasValue: true, Value: string { Length: > 0 } text } ? text : null;

    public static string Combine(string prefix, string key) => prefix.Length == 0 ? key : prefix + ":" + key;

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>GetSection / GetRequiredSection on a configuration object.</summary>
    public bool IsSectionCall(IInvocationOperation invocation)
        => invocation.TargetMethod.Name is "GetSection" or "GetRequiredSection" && IsConfiguration(Receiver(invocation)?.Type);

    /// <summary>
    /// The path a configuration expression stands for: <c>""</c> for the root (a parameter, field or property typed
    /// <c>IConfiguration</c>, <c>builder.Configuration</c>), <c>A:B</c> for <c>GetSection("A").GetSection("B")</c>, null when
    /// it is not known at compile time (a section from a local or a parameter typed <c>IConfigurationSection</c>, a key computed at run time).
    /// </summary>
    public string? PathOf(IOperation? operation, ref IParameterSymbol? rootParameter, int depth = 0)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        operation = Unwrap(operation);
        if (operation is IInvocationOperation invocation && IsSectionCall(invocation))
        {
            var parent = PathOf(Receiver(invocation), ref rootParameter, depth + 1);
            var key = ConstantKey(Argument(invocation, "key")?.Value);
            return parent is null || key is null ? null : Combine(parent, key);
        }

        if (!IsConfiguration(operation.Type) || SymbolNames.Implements(operation.Type, Section))
        {
            return null;
        }

        if (operation is IParameterReferenceOperation parameter)
        {
            rootParameter = parameter.Parameter.OriginalDefinition;
        }

        return string.Empty;
    }

    /// <summary>
    /// Whether the code needs the value it reads: false (and whether it states a default) when the read is
    /// null-checked or coalesced right there (<c>?? "x"</c>, <c>is string s</c>, <c>!= null</c>, <c>?.</c>,
    /// <c>string.IsNullOrEmpty(…)</c>, <c>TryParse(…)</c>); <c>?? throw</c> still needs it.
    /// </summary>
    public static (bool Required, bool HasDefault) Usage(IOperation read)
    {
        var current = read;
        var parent = read.Parent;
        while (parent is IConversionOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case ICoalesceOperation coalesce when coalesce.Value == current:
                return Unwrap(coalesce.WhenNull) is IThrowOperation ? (true, false) : (false, true);
            case IIsPatternOperation:
                return (false, false);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                when IsNull(binary.LeftOperand) || IsNull(binary.RightOperand):
                return (false, false);
            case IConditionalAccessOperation access when access.Operation == current:
                return (false, false);
            case IArgumentOperation { Parent: IInvocationOperation call }
                when call.TargetMethod.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "TryParse":
                return (false, false);
            default:
                return (true, false);
        }
    }

    /// <summary>The keys below a bound section that validation requires: public settable properties with <c>[Required]</c> (names from <c>[ConfigurationKeyName]</c>).</summary>
    public IReadOnlyList<(string Name, string Property)> RequiredPropertiesOf(ITypeSymbol optionsType)
        => Required is null ? Array.Empty<(string, string)>() : _requiredProperties.GetOrAdd(optionsType, FindRequiredProperties);

    /// <summary>Where to report a read: from the method name to the end of the call (<c>GetRequiredSection("A")</c>), or the whole expression.</summary>
    public static Location LocationOf(IOperation operation)
    {
        var syntax = operation.Syntax;
        if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation)
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, invocation.Span.End));
        }

        return syntax.GetLocation();
    }

    private static bool IsNull(IOperation operand) => Unwrap(operand) is { ConstantValue: { HasValue: true, Value: null } };

    private IReadOnlyList<(string Name, string Property)> FindRequiredProperties(ITypeSymbol optionsType)
    {
        var result = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var type = optionsType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, SetMethod: not null } property
                    || !seen.Add(property.Name))
                {
                    continue;
                }

                string? keyName = null;
                var required = false;
                foreach (var attribute in property.GetAttributes())
                {
                    required |= SymbolNames.IsOrInheritsFrom(attribute.AttributeClass, Required);
                    if (KeyName is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, KeyName)
                        && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name)
                    {
                        keyName = name;
                    }
                }

                if (required)
                {
                    result.Add((keyName ?? property.Name, optionsType.Name + "." + property.Name));
                }
            }
        }

        return result;
    }
}
