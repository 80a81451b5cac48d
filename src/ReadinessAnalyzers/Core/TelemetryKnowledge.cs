using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers;

/// <summary>
/// The product's one definition of "this code records telemetry": logging, tracing and metrics calls,
/// well-known third-party loggers (recognised by full type name so no package reference is needed),
/// the team's own wrappers named in options, and methods of the same compilation whose body makes such
/// a call (one level deep, so <c>LogFailure(ex)</c> helpers count).
/// Create one per compilation with <see cref="Create"/>; it is thread-safe.
/// </summary>
internal sealed class TelemetryKnowledge
{
    public static readonly RuleOption<ImmutableArray<string>> TelemetryTypesOption = RuleOptions.List(
        "readiness.telemetry_types",
        ImmutableArray<string>.Empty,
        "Full names of further types whose methods record telemetry, e.g. your own logging or metrics wrappers (`MyCompany.Diagnostics.AuditLog`). Types deriving from or implementing a listed type count too.");

    public static readonly RuleOption<ImmutableArray<string>> TelemetryMethodsOption = RuleOptions.List(
        "readiness.telemetry_methods",
        ImmutableArray<string>.Empty,
        "Further methods that record telemetry: a full name (`MyCompany.Diagnostics.Audit.Write`) or a bare method name (`ReportFailure`).");

    /// <summary>Types (or their bases and interfaces) whose methods record telemetry.</summary>
    private static readonly ImmutableHashSet<string> KnownTelemetryTypes = ImmutableHashSet.Create(
        "Microsoft.Extensions.Logging.ILogger",
        "Microsoft.Extensions.Logging.ILogger`1",
        "Microsoft.Extensions.Logging.LoggerExtensions",
        "System.Diagnostics.Activity",
        "System.Diagnostics.ActivitySource",
        "System.Diagnostics.DiagnosticSource",
        "System.Diagnostics.Metrics.Instrument`1",
        "System.Diagnostics.Tracing.EventSource",
        "OpenTelemetry.Trace.ActivityExtensions",
        "OpenTelemetry.Trace.TelemetrySpan",
        "Serilog.ILogger",
        "Serilog.Log",
        "NLog.ILoggerBase",
        "NLog.Logger",
        "log4net.ILog",
        "Microsoft.ApplicationInsights.TelemetryClient");

    private const string LoggerMessageAttributeName = "Microsoft.Extensions.Logging.LoggerMessageAttribute";
    private const string LoggerInterfaceName = "Microsoft.Extensions.Logging.ILogger";

    private readonly Compilation _compilation;
    private readonly PerTreeOptions<CustomTelemetry> _custom;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _knownTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _helpers = new(SymbolEqualityComparer.Default);

    private TelemetryKnowledge(Compilation compilation, AnalyzerOptions options)
    {
        _compilation = compilation;
        _custom = new PerTreeOptions<CustomTelemetry>(options, CustomTelemetry.Parse);
    }

    public static TelemetryKnowledge Create(Compilation compilation, AnalyzerOptions options) => new(compilation, options);

    /// <summary>True when <paramref name="root"/> or anything inside it records telemetry, helpers included.</summary>
    public bool RecordsTelemetry(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && IsTelemetryCall(invocation, followHelpers: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the call records telemetry itself or (with <paramref name="followHelpers"/>) calls a
    /// method of this compilation whose body does.</summary>
    public bool IsTelemetryCall(IInvocationOperation invocation, bool followHelpers = true)
    {
        var custom = _custom.For(invocation.Syntax.SyntaxTree);
        return IsDirectTelemetryCall(invocation, custom)
            || (followHelpers && IsTelemetryHelper(invocation.TargetMethod));
    }

    /// <summary>True for a type that is (or derives from, or implements) a telemetry type.</summary>
    public bool IsTelemetryType(ITypeSymbol? type, SyntaxTree tree)
        => type is not null && (IsKnownTelemetryType(type) || _custom.For(tree).MatchesType(type));

    private bool IsDirectTelemetryCall(IInvocationOperation invocation, CustomTelemetry custom)
    {
        var method = invocation.TargetMethod;
        if (IsKnownTelemetryType(method.ContainingType) || custom.MatchesType(method.ContainingType))
        {
            return true;
        }

        if (invocation.Instance?.Type is { } receiverType && (IsKnownTelemetryType(receiverType) || custom.MatchesType(receiverType)))
        {
            return true;
        }

        // Extension methods on a logger (LoggerExtensions, [LoggerMessage] extensions, team wrappers).
        var original = method.ReducedFrom ?? method;
        if (original.IsExtensionMethod && original.Parameters.Length > 0 && IsKnownTelemetryType(original.Parameters[0].Type))
        {
            return true;
        }

        if (HasLoggerMessageAttribute(original))
        {
            return true;
        }

        // LoggerMessage.Define(...) delegates: Action<ILogger, …, Exception?>.
        if (method.MethodKind == MethodKind.DelegateInvoke
            && method.Parameters.Length > 0
            && SymbolNames.GetFullMetadataName(method.Parameters[0].Type) == LoggerInterfaceName)
        {
            return true;
        }

        return custom.MatchesMethod(method);
    }

    private static bool HasLoggerMessageAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && SymbolNames.GetFullMetadataName(attributeClass) == LoggerMessageAttributeName)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsKnownTelemetryType(ITypeSymbol type)
    {
        if (_knownTypes.TryGetValue(type, out var known))
        {
            return known;
        }

        return _knownTypes.GetOrAdd(type, static t =>
        {
            for (var current = t; current is not null; current = current.BaseType)
            {
                if (KnownTelemetryTypes.Contains(SymbolNames.GetFullMetadataName(current)))
                {
                    return true;
                }
            }

            return t.AllInterfaces.Any(static i => KnownTelemetryTypes.Contains(SymbolNames.GetFullMetadataName(i)));
        });
    }

    /// <summary>A method of this compilation whose own body records telemetry directly (one level deep).</summary>
    public bool IsTelemetryHelper(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.PartialImplementationPart ?? method;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly) || method.IsAbstract || method.IsExtern)
        {
            return false;
        }

        if (_helpers.TryGetValue(method.OriginalDefinition, out var known))
        {
            return known;
        }

        return _helpers.GetOrAdd(method.OriginalDefinition, BodyRecordsTelemetryDirectly);
    }

    private bool BodyRecordsTelemetryDirectly(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

            // The analyzer driver shares (caches) semantic models between analyzers; this runs once per helper
            // method per compilation, only for methods that are called where a rule needs the answer.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var body = model.GetOperation(syntax);
            if (body is null)
            {
                continue;
            }

            var custom = _custom.For(syntax.SyntaxTree);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation && IsDirectTelemetryCall(invocation, custom))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private sealed class CustomTelemetry
    {
        private static readonly CustomTelemetry Empty = new(ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty);
        private readonly ImmutableHashSet<string> _types;
        private readonly ImmutableHashSet<string> _methods;

        private CustomTelemetry(ImmutableHashSet<string> types, ImmutableHashSet<string> methods)
        {
            _types = types;
            _methods = methods;
        }

        public static CustomTelemetry Parse(AnalyzerConfigOptions options)
        {
            var types = TelemetryTypesOption.GetValue(options);
            var methods = TelemetryMethodsOption.GetValue(options);
            return types.IsEmpty && methods.IsEmpty
                ? Empty
                : new CustomTelemetry(types.ToImmutableHashSet(), methods.ToImmutableHashSet());
        }

        public bool MatchesType(ITypeSymbol? type)
        {
            if (_types.IsEmpty || type is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_types.Contains(SymbolNames.GetFullNameWithoutArity(current)) || _types.Contains(SymbolNames.GetFullMetadataName(current)))
                {
                    return true;
                }
            }

            return type.AllInterfaces.Any(i => _types.Contains(SymbolNames.GetFullNameWithoutArity(i)) || _types.Contains(SymbolNames.GetFullMetadataName(i)));
        }

        public bool MatchesMethod(IMethodSymbol method)
        {
            if (_methods.IsEmpty)
            {
                return false;
            }

            return _methods.Contains(method.Name)
                || _methods.Contains(SymbolNames.GetFullNameWithoutArity(method.ContainingType) + "." + method.Name);
        }
    }
}
