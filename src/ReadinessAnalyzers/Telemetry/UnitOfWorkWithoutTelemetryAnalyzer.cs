using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// RDY2002: a type that is an entry point of work (hosted service, message or request handler, function,
/// optionally controller) and records no telemetry — not in its own code, not through helpers one level deep,
/// not through its base class, its injected dependencies' implementations or a logging pipeline behaviour.
/// Decided at compilation end because base classes, implementations and pipelines live in other types.
/// See rules/RDY2002.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnitOfWorkWithoutTelemetryAnalyzer : DiagnosticAnalyzer
{
    public static readonly ListOption EntryPointTypesOption = RuleOptions.List(
        OptionCatalog.UnitOfWorkWithoutTelemetry.EntryPointTypes,
        "Full names (without generic arity) of interfaces or base classes whose implementations are units of work.");

    public static readonly ListOption EntryPointAttributesOption = RuleOptions.List(
        OptionCatalog.UnitOfWorkWithoutTelemetry.EntryPointAttributes,
        "Full names of method attributes that make the containing type a unit of work (Azure Functions by default).");

    public static readonly RuleOption<bool> IncludeControllersOption = RuleOptions.Boolean(
        OptionCatalog.UnitOfWorkWithoutTelemetry.IncludeControllers,
        "Also report MVC/API controllers. Off by default: ASP.NET Core already logs and traces every request, including unhandled exceptions.");

    public static readonly ListOption PipelineTypesOption = RuleOptions.List(
        OptionCatalog.UnitOfWorkWithoutTelemetry.PipelineTypes,
        "Full names (without generic arity) of pipeline components that wrap every handler; when the project has one that records telemetry, handlers are covered by it.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.UnitOfWorkWithoutTelemetry,
        title: "Unit of work without telemetry",
        messageFormat: "'{0}' ({1}) records no telemetry — no log, trace or metric — so when its work fails, stalls or slows down in production nothing shows it; inject ILogger<{0}> and log its failures and progress, or start an Activity",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Hosted services, message consumers, request handlers and functions are where a service's work happens. One that emits no log, trace or metric is invisible to operations: its failures, retries and slowdowns leave nothing to diagnose.",
        customTags: RuleTags.CompilationEnd);

    /// <summary>Framework base classes known not to record telemetry for their subclasses.</summary>
    private static readonly ImmutableHashSet<string> SilentFrameworkBases = ImmutableHashSet.Create(
        "System.Object",
        "Microsoft.Extensions.Hosting.BackgroundService",
        "Microsoft.AspNetCore.Mvc.ControllerBase",
        "Microsoft.AspNetCore.Mvc.Controller");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (TestProjects.IsTestProject(start.Compilation))
            {
                return;
            }

            // No entry-point framework (hosting, MediatR, …) in sight: nothing can be a unit of work, and every callback
            // returns at once.
            var compilation = start.Compilation;
            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() => MayDeclareEntryPoints(compilation, options) ? new CompilationAnalysis(compilation, options) : null);
            // Per type through plain symbol and operation actions, not a symbol-start action: the driver builds a
            // symbol-start analyzer's actions anew for every member it analyses, about 4 ms per 500-line document in an
            // editor (DocumentBenchmarks) for this analyzer alone, whose findings only come at compilation end.
            start.RegisterSymbolAction(context => analysis.Value?.Track((INamedTypeSymbol)context.Symbol), SymbolKind.NamedType);
            start.RegisterOperationAction(context => analysis.Value?.OnInvocation(context), OperationKind.Invocation);
            start.RegisterOperationAction(context => analysis.Value?.OnWork(context), OperationKind.Await, OperationKind.ObjectCreation);
            start.RegisterCompilationEndAction(context => analysis.Value?.Report(context));
        });
    }

    /// <summary>True when some entry-point interface, base class or attribute named in the options (of any
    /// syntax tree) is declared in the compilation or its references.</summary>
    private static bool MayDeclareEntryPoints(Compilation compilation, AnalyzerOptions options)
    {
        // The three raw values as one string key, each prefixed with its length (or '-' when absent), so distinct values
        // never share a key: a set of strings is precompiled, a set of tuples is generic code compiled on first use in
        // every compiler process.
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            treeOptions.TryGetValue(EntryPointTypesOption.Key, out var types);
            treeOptions.TryGetValue(EntryPointAttributesOption.Key, out var attributes);
            treeOptions.TryGetValue(IncludeControllersOption.Key, out var controllers);
            if (!seen.Add(OptionsKey(types) + OptionsKey(attributes) + OptionsKey(controllers)))
            {
                continue;
            }

            var settings = Settings.Parse(treeOptions);
            if ((settings.IncludeControllers && SymbolNames.DeclaresType(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase"))
                || DeclaresAny(compilation, settings.EntryPointTypes)
                || DeclaresAny(compilation, settings.EntryPointAttributes))
            {
                return true;
            }
        }

        return false;
    }

    private static string OptionsKey(string? value) => value is null ? "-|" : value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + value;

    private static bool DeclaresAny(Compilation compilation, HashSet<string> fullNames)
    {
        foreach (var name in fullNames)
        {
            if (SymbolNames.DeclaresType(compilation, name))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class CompilationAnalysis
    {
        private static readonly object Ignored = new();
        private readonly Compilation _compilation;
        private readonly TelemetryKnowledge _telemetry;
        private readonly PerTreeOptions<Settings> _settings;
        // Every type of the compilation seen so far: its facts, or Ignored when it is neither a unit of work, a pipeline,
        // a possible base class of one nor an implementation of an abstraction of this project.
        private readonly ConcurrentDictionary<INamedTypeSymbol, object> _types = new(SymbolEqualityComparer.Default);
        private readonly Func<INamedTypeSymbol, object> _decide;

        // Methods of this compilation whose bodies call telemetry directly, recorded while the driver walks every
        // body anyway: following a helper then costs a look-up instead of binding its body a second time.
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _recordsDirectly = new(SymbolEqualityComparer.Default);
        private volatile HashSet<INamedTypeSymbol>? _baseClasses;

        public CompilationAnalysis(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            _telemetry = TelemetryKnowledge.Create(compilation, options);
            _settings = new PerTreeOptions<Settings>(options, Settings.Parse);
            _decide = Decide;
        }

        /// <summary>Every type the driver analyses (not those of generated code): decided even when it has no operation
        /// (a base class that only holds a logger).</summary>
        public void Track(INamedTypeSymbol type) => FactsOf(type);

        /// <summary>Every call: which methods record telemetry themselves (for helper following), and for the type
        /// whose code makes it, whether it records telemetry, calls helpers or abstractions of this project, and does work.</summary>
        public void OnInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (_telemetry.IsTelemetryCall(invocation, followHelpers: false))
            {
                foreach (var method in TelemetryKnowledge.MethodsRecordingDirectly(invocation, context.ContainingSymbol))
                {
                    _recordsDirectly.TryAdd(method, true);
                }
            }

            // The member's own type (a nested type's code is its own, as it was with the symbol-start actions this replaces).
            if (context.ContainingSymbol.ContainingType is not { } type || FactsOf(type) is not { HoldsTelemetry: false } facts)
            {
                return;
            }

            if (facts.Kind is null)
            {
                // Only whether it records telemetry counts (for the units of work built on it).
                if (!facts.RecordsTelemetry)
                {
                    Observe(facts, invocation);
                }

                return;
            }

            if (!IsConstructor(context.ContainingSymbol))
            {
                facts.HasWork = true;
            }

            if (facts.RecordsTelemetry || Observe(facts, invocation))
            {
                return;
            }

            if (invocation.TargetMethod is { IsAbstract: true } called
                && SymbolEqualityComparer.Default.Equals(called.ContainingAssembly, _compilation.Assembly))
            {
                facts.AddCalledAbstraction(called.ContainingType.OriginalDefinition);
            }
        }

        /// <summary>An await or an object creation outside a constructor: the unit of work around it does work.</summary>
        public void OnWork(OperationAnalysisContext context)
        {
            if (IsConstructor(context.ContainingSymbol))
            {
                return;
            }

            if (context.ContainingSymbol.ContainingType is { } type && FactsOf(type) is { Kind: not null, HoldsTelemetry: false, HasWork: false } facts)
            {
                facts.HasWork = true;
            }
        }

        private static bool IsConstructor(ISymbol member) => member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor };

        private TypeFacts? FactsOf(INamedTypeSymbol type) => _types.GetOrAdd(type, _decide) as TypeFacts;

        /// <summary>The facts of every type that has them, read once at compilation end (every action has run): the
        /// dictionary's Values copies all its entries, one per type of the compilation, on every call.</summary>
        private List<TypeFacts> AllFacts()
        {
            var all = new List<TypeFacts>();
            foreach (var value in _types.Values)
            {
                if (value is TypeFacts facts)
                {
                    all.Add(facts);
                }
            }

            return all;
        }

        private object Decide(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || SourceTree(type) is not { } tree)
            {
                return Ignored;
            }

            var settings = _settings.For(tree);
            var kind = Classify(type, settings, _compilation);
            var isPipeline = IsPipeline(type, settings);

            // Besides units of work and pipelines, a type matters only as a possible base class of one, or as an
            // implementation of an abstraction of this project that one calls; every other type is left alone.
            if (kind is null && !isPipeline && !MayBeBaseClass(type) && !ImplementsOwnAbstraction(type))
            {
                return Ignored;
            }

            return new TypeFacts(type, kind, isPipeline, HoldsTelemetry(type, tree));
        }

        /// <summary>Records a direct telemetry call, or the method of this compilation called (a possible helper,
        /// decided at compilation end); true for a direct telemetry call.</summary>
        private bool Observe(TypeFacts facts, IInvocationOperation invocation)
        {
            if (_telemetry.IsTelemetryCall(invocation, followHelpers: false))
            {
                facts.RecordsTelemetry = true;
                return true;
            }

            if (_telemetry.HelperCandidate(invocation.TargetMethod) is { } helper)
            {
                facts.AddCalledHelper(helper);
            }

            return false;
        }

        /// <summary>At compilation end: a type that calls a helper of this compilation that records telemetry
        /// records telemetry (one level deep). Helpers in generated code, which no action sees, are read.</summary>
        private void FollowHelpers(List<TypeFacts> all)
        {
            foreach (var facts in all)
            {
                if (facts.RecordsTelemetry)
                {
                    continue;
                }

                foreach (var helper in facts.CalledHelpers)
                {
                    if (_recordsDirectly.TryGetValue(helper, out _) || (IsInGeneratedCode(helper) && _telemetry.IsTelemetryHelper(helper)))
                    {
                        facts.RecordsTelemetry = true;
                        break;
                    }
                }
            }
        }

        private static bool IsInGeneratedCode(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var path = reference.SyntaxTree.FilePath ?? string.Empty;
                if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase)
                    || path.EndsWith(".designer.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", System.StringComparison.OrdinalIgnoreCase)
                    || reference.SyntaxTree.GetRoot().GetLeadingTrivia().ToFullString().IndexOf("<auto-generated", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static SyntaxTree? SourceTree(INamedTypeSymbol type)
        {
            foreach (var location in type.Locations)
            {
                if (location.IsInSource)
                {
                    return location.SourceTree;
                }
            }

            return null;
        }

        /// <summary>A class that some type of this compilation derives from (a possible base of a unit of work, whose
        /// telemetry counts for it); any other type needs no facts.</summary>
        private bool MayBeBaseClass(INamedTypeSymbol type)
            => type.TypeKind == TypeKind.Class && !type.IsSealed && BaseClassesInSource().Contains(type.OriginalDefinition);

        private HashSet<INamedTypeSymbol> BaseClassesInSource()
        {
            var known = _baseClasses;
            if (known is null)
            {
                // Once per compilation, on the first type that needs it; a race only computes the same set twice.
                known = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                CollectBaseClasses(_compilation.Assembly.GlobalNamespace, known);
                _baseClasses = known;
            }

            return known;
        }

        private void CollectBaseClasses(INamespaceSymbol ns, HashSet<INamedTypeSymbol> result)
        {
            foreach (var nested in ns.GetNamespaceMembers())
            {
                CollectBaseClasses(nested, result);
            }

            foreach (var type in ns.GetTypeMembers())
            {
                CollectBaseClasses(type, result);
            }
        }

        /// <summary>Types and their nested types only (<c>GetTypeMembers</c>): no member symbol is created here.</summary>
        private void CollectBaseClasses(INamedTypeSymbol type, HashSet<INamedTypeSymbol> result)
        {
            for (var current = type.BaseType; current is not null && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _compilation.Assembly); current = current.BaseType)
            {
                result.Add(current.OriginalDefinition);
            }

            foreach (var nested in type.GetTypeMembers())
            {
                CollectBaseClasses(nested, result);
            }
        }

        /// <summary>Implements an interface or derives from a class declared in this project (what
        /// <see cref="TypeFacts.CalledAbstractions"/> can hold).</summary>
        private bool ImplementsOwnAbstraction(INamedTypeSymbol type)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.ContainingAssembly, _compilation.Assembly))
                {
                    return true;
                }
            }

            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _compilation.Assembly))
                {
                    return true;
                }
            }

            return false;
        }

        public void Report(CompilationAnalysisContext context)
        {
            var all = AllFacts();
            FollowHelpers(all);
            var pipelineRecords = all.Any(f => f.IsPipeline && f.EmitsOwnTelemetry);
            HashSet<INamedTypeSymbol>? abstractionsWithTelemetry = null;
            foreach (var facts in all)
            {
                if (facts.Kind is not { } kind
                    || facts.Type.IsAbstract
                    || facts.Type.IsStatic
                    || !facts.HasWork
                    || facts.EmitsOwnTelemetry
                    || BaseRecordsTelemetry(facts.Type)
                    || CallsAbstractionWithTelemetry(facts, all, ref abstractionsWithTelemetry)
                    || (pipelineRecords && kind.CoveredByPipeline))
                {
                    continue;
                }

                var location = facts.Type.Locations.FirstOrDefault(l => l.IsInSource);
                if (location is not null)
                {
                    context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, facts.Type.Name, kind.Description));
                }
            }
        }

        private static bool CallsAbstractionWithTelemetry(TypeFacts facts, List<TypeFacts> all, ref HashSet<INamedTypeSymbol>? abstractionsWithTelemetry)
        {
            foreach (var called in facts.CalledAbstractions)
            {
                if ((abstractionsWithTelemetry ??= AbstractionsWithTelemetry(all)).Contains(called))
                {
                    return true;
                }
            }

            return false;
        }

        private bool BaseRecordsTelemetry(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (_types.TryGetValue(current.OriginalDefinition, out var decided) && decided is TypeFacts baseFacts)
                {
                    if (baseFacts.EmitsOwnTelemetry)
                    {
                        return true;
                    }

                    continue;
                }

                // A base class from a library: unless it is a framework base known to be silent, it may well log.
                return !SilentFrameworkBases.Contains(SymbolNames.GetFullNameWithoutArity(current));
            }

            return false;
        }

        /// <summary>Interfaces and base classes that some telemetry-recording type of this project implements or
        /// derives from: calling one of their abstract members reaches telemetry (injected helpers, one level deep).</summary>
        private static HashSet<INamedTypeSymbol> AbstractionsWithTelemetry(List<TypeFacts> all)
        {
            var result = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var facts in all)
            {
                if (!facts.EmitsOwnTelemetry)
                {
                    continue;
                }

                foreach (var implemented in facts.Type.AllInterfaces)
                {
                    result.Add(implemented.OriginalDefinition);
                }

                for (var current = facts.Type.BaseType; current is not null; current = current.BaseType)
                {
                    result.Add(current.OriginalDefinition);
                }
            }

            return result;
        }

        private static EntryPointKind? Classify(INamedTypeSymbol type, Settings settings, Compilation compilation)
        {
            foreach (var candidate in type.AllInterfaces)
            {
                if (settings.EntryPointTypeNames.Contains(candidate.Name) && settings.EntryPointTypes.Contains(SymbolNames.GetFullNameWithoutArity(candidate)))
                {
                    return IsHostedService(candidate)
                        ? new EntryPointKind("a hosted service", false)
                        : new EntryPointKind("implements " + candidate.Name, true);
                }
            }

            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (!settings.EntryPointTypeNames.Contains(current.Name) && !(settings.IncludeControllers && current.Name == "ControllerBase"))
                {
                    continue;
                }

                var name = SymbolNames.GetFullNameWithoutArity(current);
                if (settings.EntryPointTypes.Contains(name))
                {
                    return new EntryPointKind("derives from " + current.Name, true);
                }

                if (settings.IncludeControllers && name == "Microsoft.AspNetCore.Mvc.ControllerBase")
                {
                    return new EntryPointKind("a controller", false);
                }
            }

            // Every method's attributes only when an entry-point attribute (Azure Functions, …) exists at all.
            if (!settings.DeclaresEntryPointAttribute(compilation))
            {
                return null;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol method)
                {
                    continue;
                }

                foreach (var attribute in method.GetAttributes())
                {
                    if (attribute.AttributeClass is { } attributeClass && settings.EntryPointAttributeNames.Contains(attributeClass.Name)
                        && settings.EntryPointAttributes.Contains(SymbolNames.GetFullMetadataName(attributeClass)))
                    {
                        return new EntryPointKind("a function: [" + attributeClass.Name.Replace("Attribute", string.Empty) + "]", false);
                    }
                }
            }

            return null;
        }

        private static bool IsHostedService(INamedTypeSymbol type) => SymbolNames.GetFullMetadataName(type) == "Microsoft.Extensions.Hosting.IHostedService";

        private static bool IsPipeline(INamedTypeSymbol type, Settings settings)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (settings.PipelineTypeNames.Contains(implemented.Name) && settings.PipelineTypes.Contains(SymbolNames.GetFullNameWithoutArity(implemented)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A field, property or constructor parameter of a telemetry type (a logger, an ActivitySource, a
        /// Meter or instrument, a TelemetryClient): the type is wired for telemetry (often through a base class).</summary>
        private bool HoldsTelemetry(INamedTypeSymbol type, SyntaxTree tree)
        {
            foreach (var member in type.GetMembers())
            {
                var holds = member switch
                {
                    IFieldSymbol field => _telemetry.IsTelemetryType(field.Type, tree) || IsMetricsType(field.Type),
                    IPropertySymbol property => _telemetry.IsTelemetryType(property.Type, tree) || IsMetricsType(property.Type),
                    IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => ConstructorTakesTelemetry(constructor, tree),
                    _ => false,
                };
                if (holds)
                {
                    return true;
                }
            }

            return false;
        }

        private bool ConstructorTakesTelemetry(IMethodSymbol constructor, SyntaxTree tree)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (_telemetry.IsTelemetryType(parameter.Type, tree) || IsMetricsType(parameter.Type) || IsLoggerFactory(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        // The simple name first: most members' types are ruled out without their full name.
        private static bool IsMetricsType(ITypeSymbol type)
            => type.Name is "Meter" or "IMeterFactory" && SymbolNames.GetFullMetadataName(type) is "System.Diagnostics.Metrics.Meter" or "System.Diagnostics.Metrics.IMeterFactory";

        private static bool IsLoggerFactory(ITypeSymbol type)
            => type.Name == "ILoggerFactory" && SymbolNames.GetFullMetadataName(type) is "Microsoft.Extensions.Logging.ILoggerFactory";
    }

    private sealed class EntryPointKind
    {
        public EntryPointKind(string description, bool coveredByPipeline)
        {
            Description = description;
            CoveredByPipeline = coveredByPipeline;
        }

        public string Description { get; }

        /// <summary>Message and request handlers run inside a pipeline; hosted services do not.</summary>
        public bool CoveredByPipeline { get; }
    }

    private sealed class TypeFacts
    {
        private volatile bool _recordsTelemetry;
        private volatile bool _hasWork;

        public TypeFacts(INamedTypeSymbol type, EntryPointKind? kind, bool isPipeline, bool holdsTelemetry)
        {
            Type = type;
            Kind = kind;
            IsPipeline = isPipeline;
            HoldsTelemetry = holdsTelemetry;
        }

        public INamedTypeSymbol Type { get; }

        public EntryPointKind? Kind { get; }

        public bool IsPipeline { get; }

        public bool HoldsTelemetry { get; }

        public bool RecordsTelemetry { get => _recordsTelemetry; set => _recordsTelemetry = value; }

        public bool HasWork { get => _hasWork || HoldsTelemetry; set => _hasWork = value; }

        // Plain lists under a lock, created on first use: a ConcurrentBag costs a ThreadLocal per instance (two per type),
        // and most types call neither. Read only at compilation end, when every action has run.
        private List<INamedTypeSymbol>? _calledAbstractions;
        private List<IMethodSymbol>? _calledHelpers;

        /// <summary>Abstract members' types of this compilation the type calls (injected abstractions).</summary>
        public IReadOnlyList<INamedTypeSymbol> CalledAbstractions => (IReadOnlyList<INamedTypeSymbol>?)_calledAbstractions ?? System.Array.Empty<INamedTypeSymbol>();

        /// <summary>Methods of this compilation the type calls: helpers that may record telemetry for it.</summary>
        public IReadOnlyList<IMethodSymbol> CalledHelpers => (IReadOnlyList<IMethodSymbol>?)_calledHelpers ?? System.Array.Empty<IMethodSymbol>();

        public void AddCalledAbstraction(INamedTypeSymbol type)
        {
            lock (this)
            {
                (_calledAbstractions ??= new List<INamedTypeSymbol>()).Add(type);
            }
        }

        public void AddCalledHelper(IMethodSymbol method)
        {
            lock (this)
            {
                (_calledHelpers ??= new List<IMethodSymbol>()).Add(method);
            }
        }

        public bool EmitsOwnTelemetry => RecordsTelemetry || HoldsTelemetry;
    }

    private sealed class Settings
    {
        // 0: not decided yet, 1: declared, 2: not declared.
        private volatile int _declaresEntryPointAttribute;

        private Settings(HashSet<string> entryPointTypes, HashSet<string> entryPointAttributes, bool includeControllers, HashSet<string> pipelineTypes)
        {
            EntryPointTypes = entryPointTypes;
            EntryPointAttributes = entryPointAttributes;
            IncludeControllers = includeControllers;
            PipelineTypes = pipelineTypes;
            EntryPointTypeNames = SimpleNames(entryPointTypes);
            EntryPointAttributeNames = SimpleNames(entryPointAttributes);
            PipelineTypeNames = SimpleNames(pipelineTypes);
        }

        /// <summary>The last segments of the full names (<c>IRequestHandler</c> of <c>MediatR.IRequestHandler</c>): a
        /// type whose own name is not among them is ruled out before its full name is built.</summary>
        public HashSet<string> EntryPointTypeNames { get; }

        public HashSet<string> EntryPointAttributeNames { get; }

        public HashSet<string> PipelineTypeNames { get; }

        public HashSet<string> EntryPointTypes { get; }

        public HashSet<string> EntryPointAttributes { get; }

        public bool IncludeControllers { get; }

        public HashSet<string> PipelineTypes { get; }

        /// <summary>True when the compilation or a reference declares one of <see cref="EntryPointAttributes"/>
        /// (decided once: a Settings lives as long as its compilation's analysis).</summary>
        public bool DeclaresEntryPointAttribute(Compilation compilation)
        {
            var known = _declaresEntryPointAttribute;
            if (known == 0)
            {
                known = 2;
                foreach (var name in EntryPointAttributes)
                {
                    if (SymbolNames.DeclaresType(compilation, name))
                    {
                        known = 1;
                        break;
                    }
                }

                _declaresEntryPointAttribute = known;
            }

            return known == 1;
        }

        // Plain sets and loops, no LINQ or immutable sets: this runs on the first callback of every compilation, and in a
        // fresh compiler process each generic collection type used for the first time costs its own start-up.
        private static HashSet<string> SimpleNames(HashSet<string> fullNames)
        {
            var result = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var name in fullNames)
            {
                var start = name.LastIndexOfAny(['.', '+']) + 1;
                var tick = name.IndexOf('`', start);
                result.Add(tick < 0 ? name.Substring(start) : name.Substring(start, tick - start));
            }

            return result;
        }

        private static HashSet<string> SetOf(ImmutableArray<string> names)
        {
            var result = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var name in names)
            {
                result.Add(name);
            }

            return result;
        }

        /// <summary>The attribute names as written, plus the <c>…Attribute</c> form of each written without it.</summary>
        private static HashSet<string> AttributeSetOf(ImmutableArray<string> names)
        {
            var result = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var name in names)
            {
                result.Add(name);
                if (!name.EndsWith("Attribute", System.StringComparison.Ordinal))
                {
                    result.Add(name + "Attribute");
                }
            }

            return result;
        }

        public static Settings Parse(AnalyzerConfigOptions options)
            => new(
                SetOf(EntryPointTypesOption.GetValue(options)),
                AttributeSetOf(EntryPointAttributesOption.GetValue(options)),
                IncludeControllersOption.GetValue(options),
                SetOf(PipelineTypesOption.GetValue(options)));
    }
}
