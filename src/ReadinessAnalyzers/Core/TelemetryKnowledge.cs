using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
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
    public static readonly ListOption TelemetryTypesOption = RuleOptions.List(
        OptionCatalog.Product.TelemetryTypes,
        "Full names of further types whose methods record telemetry, e.g. your own logging or metrics wrappers (`MyCompany.Diagnostics.AuditLog`). Types deriving from or implementing a listed type count too.");

    public static readonly ListOption TelemetryMethodsOption = RuleOptions.List(
        OptionCatalog.Product.TelemetryMethods,
        "Further methods that record telemetry: a full name (`MyCompany.Diagnostics.Audit.Write`) or a bare method name (`ReportFailure`).");

    // The tables below are switches, not static collections: in a fresh compiler process (one per project in a
    // command-line build) building an ImmutableHashSet or ImmutableDictionary in the static constructor costs
    // milliseconds — generic code over value types (TelemetryLevel, tuples) is compiled just in time, as the
    // precompiled analyzer cannot carry it — and that cost recurred in every compilation.

    /// <summary>Types (or their bases and interfaces) whose methods record telemetry, by metadata name; the simple
    /// metadata name is tested first, so most types are ruled out before their full name is built.</summary>
    private static bool IsKnownTelemetryTypeName(ITypeSymbol type)
    {
        switch (type.MetadataName)
        {
            case "ILogger":
                return SymbolNames.GetFullMetadataName(type) is "Microsoft.Extensions.Logging.ILogger" or "Serilog.ILogger";
            case "ILogger`1":
                return SymbolNames.GetFullMetadataName(type) == "Microsoft.Extensions.Logging.ILogger`1";
            case "LoggerExtensions":
                return SymbolNames.GetFullMetadataName(type) == "Microsoft.Extensions.Logging.LoggerExtensions";
            case "Activity":
                return SymbolNames.GetFullMetadataName(type) == "System.Diagnostics.Activity";
            case "ActivitySource":
                return SymbolNames.GetFullMetadataName(type) == "System.Diagnostics.ActivitySource";
            case "DiagnosticSource":
                return SymbolNames.GetFullMetadataName(type) == "System.Diagnostics.DiagnosticSource";
            case "Instrument`1":
                return SymbolNames.GetFullMetadataName(type) == "System.Diagnostics.Metrics.Instrument`1";
            case "EventSource":
                return SymbolNames.GetFullMetadataName(type) == "System.Diagnostics.Tracing.EventSource";
            case "ActivityExtensions":
                return SymbolNames.GetFullMetadataName(type) == "OpenTelemetry.Trace.ActivityExtensions";
            case "TelemetrySpan":
                return SymbolNames.GetFullMetadataName(type) == "OpenTelemetry.Trace.TelemetrySpan";
            case "Log":
                return SymbolNames.GetFullMetadataName(type) == "Serilog.Log";
            case "ILoggerBase":
                return SymbolNames.GetFullMetadataName(type) == "NLog.ILoggerBase";
            case "Logger":
                return SymbolNames.GetFullMetadataName(type) == "NLog.Logger";
            case "ILog":
                return SymbolNames.GetFullMetadataName(type) == "log4net.ILog";
            case "TelemetryClient":
                return SymbolNames.GetFullMetadataName(type) == "Microsoft.ApplicationInsights.TelemetryClient";
            default:
                return false;
        }
    }

    private const string LoggerMessageAttributeName = "Microsoft.Extensions.Logging.LoggerMessageAttribute";
    private const string LoggerInterfaceName = "Microsoft.Extensions.Logging.ILogger";

    /// <summary>Level-named logging methods of the well-known loggers (ILogger extensions, Serilog, NLog, log4net).</summary>
    private static TelemetryLevel LevelByMethodName(string name) => name switch
    {
        "LogTrace" or "Verbose" or "Trace" => TelemetryLevel.Trace,
        "LogDebug" or "Debug" or "DebugFormat" => TelemetryLevel.Debug,
        "LogInformation" or "Information" or "Info" or "InfoFormat" => TelemetryLevel.Information,
        "LogWarning" or "Warning" or "Warn" or "WarnFormat" => TelemetryLevel.Warning,
        "LogError" or "Error" or "ErrorFormat" => TelemetryLevel.Error,
        "LogCritical" or "Critical" or "Fatal" or "FatalFormat" => TelemetryLevel.Critical,
        _ => TelemetryLevel.Unknown,
    };

    /// <summary>Level enums whose values 0–5 run Trace/Verbose … Critical/Fatal.</summary>
    private static bool IsLevelEnumType(ITypeSymbol type)
        => type.MetadataName is "LogLevel" or "LogEventLevel"
            && SymbolNames.GetFullMetadataName(type) is "Microsoft.Extensions.Logging.LogLevel" or "Serilog.Events.LogEventLevel";

    /// <summary>One instance per compilation and options for every analyzer that asks (six do): each method and type
    /// is then decided once per compilation, not once per analyzer.</summary>
    private static readonly ConditionalWeakTable<Compilation, List<TelemetryKnowledge>> Shared = new();

    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly LazyType _exceptionType;
    private readonly PerTreeOptions<CustomTelemetry> _custom;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _knownTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _helpers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _knownMethods = new(SymbolEqualityComparer.Default);

    private TelemetryKnowledge(Compilation compilation, AnalyzerOptions options)
    {
        _compilation = compilation;
        _options = options;
        _exceptionType = new LazyType(compilation, "System.Exception");
        _custom = new PerTreeOptions<CustomTelemetry>(options, CustomTelemetry.Parse);
    }

    /// <summary>The knowledge for <paramref name="compilation"/> read with <paramref name="options"/>, shared by the
    /// analyzers (a driver gives them all the same options object).</summary>
    public static TelemetryKnowledge Create(Compilation compilation, AnalyzerOptions options)
    {
        var known = Shared.GetValue(compilation, static _ => new List<TelemetryKnowledge>());
        lock (known)
        {
            foreach (var knowledge in known)
            {
                if (ReferenceEquals(knowledge._options, options))
                {
                    return knowledge;
                }
            }

            var created = new TelemetryKnowledge(compilation, options);
            known.Add(created);
            return created;
        }
    }

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
        return IsDirectTelemetryCall(invocation, _custom.For(invocation.Syntax.SyntaxTree))
            || (followHelpers && IsTelemetryHelper(invocation.TargetMethod));
    }

    /// <summary>True for a type that is (or derives from, or implements) a telemetry type.</summary>
    public bool IsTelemetryType(ITypeSymbol? type, SyntaxTree tree)
        => type is not null && (IsKnownTelemetryType(type) || _custom.For(tree).MatchesType(type));

    /// <summary>
    /// The level a direct telemetry call records at, when the code states it: a level-named method
    /// (<c>LogError</c>, Serilog <c>Error</c>, NLog <c>Fatal</c>, …), a constant <c>LogLevel</c>/<c>LogEventLevel</c>
    /// argument (<c>Log(LogLevel.Error, …)</c>, <c>Write(LogEventLevel.Fatal, …)</c>), a <c>[LoggerMessage]</c> method's
    /// <c>Level</c>, or Application Insights <c>TrackException</c> (an error by nature). Otherwise
    /// <see cref="TelemetryLevel.Unknown"/> — helpers and wrappers are never guessed.
    /// </summary>
    public TelemetryLevel GetLevel(IInvocationOperation invocation)
    {
        if (!IsTelemetryCall(invocation, followHelpers: false))
        {
            return TelemetryLevel.Unknown;
        }

        var method = invocation.TargetMethod;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter
                && IsLevelEnumType(parameter.Type)
                && argument.Value.ConstantValue is { HasValue: true, Value: { } value })
            {
                return LevelFromEnumValue(value);
            }
        }

        var original = method.ReducedFrom ?? method;
        if (GetLoggerMessageAttribute(original) is { } loggerMessage)
        {
            return LevelFromLoggerMessage(loggerMessage);
        }

        if (method.Name == "TrackException")
        {
            return TelemetryLevel.Error;
        }

        return LevelByMethodName(method.Name);
    }

    /// <summary>
    /// The argument that hands an exception object to the call as such — bound to a parameter of an
    /// exception type (<c>LogError(ex, …)</c>, <c>Log(level, eventId, ex, …)</c>, Serilog <c>Error(ex, …)</c>,
    /// log4net <c>Error(msg, ex)</c>, <c>AddException(ex)</c>, a <c>[LoggerMessage]</c> method's exception
    /// parameter) and not <c>null</c>. An exception formatted into the message (<c>{ex}</c>, <c>ex.Message</c>,
    /// a params argument) is not an exception argument: sinks never see it as one.
    /// </summary>
    public IArgumentOperation? FindExceptionArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter is { } parameter
                && IsExceptionType(parameter.Type)
                && !(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is null))
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>True for <see cref="System.Exception"/> and its subclasses.</summary>
    public bool IsExceptionType(ITypeSymbol? type)
        => _exceptionType.Value is { } exception && SymbolNames.IsOrInheritsFrom(type, exception);

    private static TelemetryLevel LevelFromEnumValue(object value)
        => value is int number && number >= 0 && number <= 5 ? (TelemetryLevel)(number + 1) : TelemetryLevel.Unknown;

    private static TelemetryLevel LevelFromLoggerMessage(AttributeData attribute)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Level" && named.Value.Value is { } value)
            {
                return LevelFromEnumValue(value);
            }
        }

        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Type is { } type && IsLevelEnumType(type) && argument.Value is { } value)
            {
                return LevelFromEnumValue(value);
            }
        }

        return TelemetryLevel.Unknown;
    }

    private bool IsDirectTelemetryCall(IInvocationOperation invocation, CustomTelemetry custom)
    {
        var method = invocation.TargetMethod;
        if (IsKnownTelemetryMethod(method))
        {
            return true;
        }

        if (invocation.Instance?.Type is { } receiverType && IsKnownTelemetryType(receiverType))
        {
            return true;
        }

        return !custom.IsEmpty
            && (custom.MatchesType(method.ContainingType) || custom.MatchesType(invocation.Instance?.Type) || custom.MatchesMethod(method));
    }

    /// <summary>What the called method alone tells (its type, the logger it extends, <c>[LoggerMessage]</c>, a
    /// <c>LoggerMessage.Define</c> delegate), decided once per method symbol: most calls go to a few methods.</summary>
    private bool IsKnownTelemetryMethod(IMethodSymbol method)
    {
        if (_knownMethods.TryGetValue(method, out var known))
        {
            return known;
        }

        return _knownMethods.GetOrAdd(method, DecideKnownTelemetryMethod);
    }

    private bool DecideKnownTelemetryMethod(IMethodSymbol method)
    {
        if (IsKnownTelemetryType(method.ContainingType))
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
        return method.MethodKind == MethodKind.DelegateInvoke
            && method.Parameters.Length > 0
            && method.Parameters[0].Type.Name == "ILogger"
            && SymbolNames.GetFullMetadataName(method.Parameters[0].Type) == LoggerInterfaceName;
    }

    private static bool HasLoggerMessageAttribute(IMethodSymbol method) => GetLoggerMessageAttribute(method) is not null;

    private static AttributeData? GetLoggerMessageAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            // The simple name first: the full name is built (and cached) only for a LoggerMessageAttribute.
            if (attribute.AttributeClass is { Name: "LoggerMessageAttribute" } attributeClass && SymbolNames.GetFullMetadataName(attributeClass) == LoggerMessageAttributeName)
            {
                return attribute;
            }
        }

        return null;
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
                if (IsKnownTelemetryTypeName(current))
                {
                    return true;
                }
            }

            return t.AllInterfaces.Any(static i => IsKnownTelemetryTypeName(i));
        });
    }

    /// <summary>A method of this compilation whose own body records telemetry directly (one level deep).</summary>
    public bool IsTelemetryHelper(IMethodSymbol method)
    {
        if (HelperCandidate(method) is not { } candidate)
        {
            return false;
        }

        if (_helpers.TryGetValue(candidate, out var known))
        {
            return known;
        }

        return _helpers.GetOrAdd(candidate, BodyRecordsTelemetryDirectly);
    }

    /// <summary>
    /// The method whose body <see cref="IsTelemetryHelper"/> would read for a call to <paramref name="method"/> (the
    /// definition of a reduced extension, the implementation of a partial method), or null when it reads none
    /// (metadata, abstract, extern). An analyzer that sees every body anyway can record which of these methods
    /// call telemetry directly (<see cref="MethodsRecordingDirectly"/>) instead of binding each body again.
    /// </summary>
    public IMethodSymbol? HelperCandidate(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.PartialImplementationPart ?? method;
        return !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly) || method.IsAbstract || method.IsExtern
            ? null
            : method.OriginalDefinition;
    }

    /// <summary>
    /// For a direct telemetry call seen by an operation action, the methods whose bodies contain it, as
    /// <see cref="HelperCandidate"/> names them: the member being analysed and every local function around the call.
    /// </summary>
    public static IEnumerable<IMethodSymbol> MethodsRecordingDirectly(IOperation call, ISymbol containingSymbol)
    {
        if (containingSymbol is IMethodSymbol member)
        {
            yield return (member.PartialImplementationPart ?? member).OriginalDefinition;
        }

        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation localFunction)
            {
                yield return localFunction.Symbol.OriginalDefinition;
            }
        }
    }

    private bool BodyRecordsTelemetryDirectly(IMethodSymbol method)
    {
        // Once per helper method per compilation, only for methods called where a rule needs the answer.
        if (SourceOperations.Of(_compilation, method) is { } body)
        {
            var custom = _custom.For(body.Syntax.SyntaxTree);
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

        public bool IsEmpty => _types.IsEmpty && _methods.IsEmpty;

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

/// <summary>The level a telemetry call records at; the order matters (higher is more severe).</summary>
internal enum TelemetryLevel
{
    Unknown = 0,
    Trace = 1,
    Debug = 2,
    Information = 3,
    Warning = 4,
    Error = 5,
    Critical = 6,
}
