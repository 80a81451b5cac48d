using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4001: a connection string written in code — recognised by its keys or URI scheme anywhere, or by being
/// passed where a connection string is expected (<c>UseSqlServer</c>, <c>new SqlConnection</c>,
/// <c>ConnectionMultiplexer.Connect</c>, a <c>ConnectionString</c> property, …).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedConnectionStringAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> IgnoreLocalOption = RuleOptions.Boolean(
        OptionCatalog.HardCodedConnectionString.IgnoreLocal,
        "When true, connection strings that point at the developer's machine (localhost, 127.0.0.1, (localdb), SQLite files, the storage emulator) are not reported.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HardCodedConnectionString,
        title: "Hard-coded connection string",
        messageFormat: "Hard-coded {0} connection string {1}: moving the service to another environment needs a rebuild; read it from configuration (builder.Configuration.GetConnectionString(\"…\")) and keep the value in settings or a secret store",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A connection string in code ties the build to one database, cache or broker. Staging and production then need different builds, failover needs a redeploy, and credentials travel with the source.",
        customTags: RuleTags.Default);

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

            var analysis = new CompilationAnalysis(start.Compilation, start.Options);
            // Only where a string value goes (arguments, assignments, initializers, returns, elements), not on every
            // literal and every binary operation: the string expressions are reached from there.
            start.RegisterOperationAction(analysis.AnalyzeConsumer, HardCodedStrings.ConsumerKinds);
        });
    }

    private sealed class CompilationAnalysis
    {
        /// <summary>Every form <see cref="ConnectionStringParser"/> accepts in a text with holes needs one of these
        /// (<c>key=value</c>, <c>host:port,option=…</c>, <c>scheme://</c>).</summary>
        private static readonly char[] ConnectionStringCharacters = ['=', ',', ':'];

        private static readonly StringVisitor<VisitState> VisitString =
            static (IOperation expression, bool reachesConsumer, ref VisitState state)
                => state.Analysis.AnalyzeString(state.Context, expression, reachesConsumer);

        // Needed only for a finding: looked up then (EF Core's namespaces are large), not in every compilation.
        private readonly Lazy<INamedTypeSymbol?> _designTimeFactory;
        private readonly PerTreeOptions<bool> _ignoreLocal;

        public CompilationAnalysis(Compilation compilation, AnalyzerOptions options)
        {
            _designTimeFactory = new Lazy<INamedTypeSymbol?>(() => TypeLookup.Get(compilation, "Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory`1"));
            _ignoreLocal = new PerTreeOptions<bool>(options, IgnoreLocalOption.GetValue);
        }

        public void AnalyzeConsumer(OperationAnalysisContext context)
        {
            var state = new VisitState(this, context);
            HardCodedStrings.VisitStrings(context.Operation, ref state, VisitString);
        }

        /// <summary>The walk's state: a struct of this assembly, not a tuple, so the generic walk over it is precompiled
        /// with the analyzer (over a tuple it was compiled just in time in every compiler process).</summary>
        private readonly struct VisitState
        {
            public VisitState(CompilationAnalysis analysis, OperationAnalysisContext context)
            {
                Analysis = analysis;
                Context = context;
            }

            public CompilationAnalysis Analysis { get; }

            public OperationAnalysisContext Context { get; }
        }

        /// <summary>
        /// A string expression or a constant field or local that <see cref="AnalyzeConsumer"/> found: recognised on its
        /// own (<see cref="ConnectionStringParser.Parse"/>) anywhere, or, when it reaches a sink, as whatever fits there
        /// (<c>const string Cache = "redis-prod:6379"; ConnectionMultiplexer.Connect(Cache)</c>).
        /// </summary>
        private void AnalyzeString(OperationAnalysisContext context, IOperation expression, bool reachesConsumer)
        {
            if (!HardCodedStrings.IsStringExpression(expression))
            {
                // A field or local: only at a sink, and only when its declaration was not recognised on its own.
                if (reachesConsumer
                    && expression.ConstantValue is { HasValue: true, Value: string constant }
                    && Sink(context.Operation) is { } referenceSink
                    && ConnectionStringParser.Parse(constant, HardCodedStrings.Hole) is null)
                {
                    Report(context, ConnectionStringParser.ParseAtSink(constant, referenceSink, HardCodedStrings.Hole), expression);
                }

                return;
            }

            // Cheapest test first, before any text is built: a constant is read as it is; a text with holes must
            // contain one of the characters every recognised form needs, unless it goes into a sink.
            if (expression.ConstantValue is not { HasValue: true, Value: string })
            {
                if (!HardCodedStrings.AnyPieceContains(expression, ConnectionStringCharacters))
                {
                    return;
                }
            }

            if (!HardCodedStrings.TryGetText(expression, out var text))
            {
                return;
            }

            var info = text.Length < 6 ? null : ConnectionStringParser.Parse(text, HardCodedStrings.Hole);
            if (info is null && reachesConsumer && Sink(context.Operation) is { } sinkKind)
            {
                info = ConnectionStringParser.ParseAtSink(text, sinkKind, HardCodedStrings.Hole);
            }

            Report(context, info, expression);
        }

        private void Report(OperationAnalysisContext context, ConnectionStringInfo? info, IOperation at)
        {
            if (info is null || info.IsInMemory || IsDesignTimeOnly(context.ContainingSymbol))
            {
                return;
            }

            if (info.IsLocal && _ignoreLocal.For(at.Syntax.SyntaxTree))
            {
                return;
            }

            var target = info.Target is null
                ? string.Empty
                : info.IsLocal ? $"for '{info.Target}' on the developer's machine, which a deployed service cannot reach" : $"for '{info.Target}'";
            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, at.Syntax.GetLocation(), info.Kind, target.Length == 0 ? "(no server named)" : target));
        }

        /// <summary>EF Core's design-time factories run only for <c>dotnet ef</c>, never in the deployed service.</summary>
        private bool IsDesignTimeOnly(ISymbol symbol)
            => symbol.ContainingType is { } type && _designTimeFactory.Value is { } factory && SymbolNames.Implements(type, factory);

        /// <summary>What kind of connection string <paramref name="consumer"/> expects, or null when it is not a sink.</summary>
        private static string? Sink(IOperation? consumer)
        {
            switch (consumer)
            {
                case IArgumentOperation { Parameter: { Name.Length: >= 10 } parameter } argument:
                    var method = parameter.ContainingSymbol as IMethodSymbol;
                    var typeName = method?.ContainingType?.Name ?? string.Empty;
                    if (parameter.Name.IndexOf("connectionstring", StringComparison.OrdinalIgnoreCase) >= 0
                        || parameter.Name.Equals("connString", StringComparison.OrdinalIgnoreCase))
                    {
                        return KindFromNames(method?.Name ?? string.Empty, typeName);
                    }

                    if (parameter.Name == "configuration" && (typeName == "ConnectionMultiplexer" || typeName == "ConfigurationOptions") && argument.Value.Type?.SpecialType == SpecialType.System_String)
                    {
                        return "Redis";
                    }

                    return null;
                case IAssignmentOperation { Target: IPropertyReferenceOperation property }:
                    if (property.Property.Name == "ConnectionString")
                    {
                        return KindFromNames(string.Empty, property.Property.ContainingType.Name);
                    }

                    return property.Property.Name == "Configuration" && property.Property.ContainingType.Name == "RedisCacheOptions" ? "Redis" : null;
                default:
                    return null;
            }
        }

        private static string KindFromNames(string method, string type)
        {
            var names = method + " " + type;
            return Contains(names, "SqlServer") || Contains(names, "SqlConnection") ? "SQL Server"
                : Contains(names, "Npgsql") ? "PostgreSQL"
                : Contains(names, "MySql") ? "MySQL"
                : Contains(names, "Sqlite") ? "SQLite"
                : Contains(names, "Oracle") ? "Oracle"
                : Contains(names, "Mongo") ? "MongoDB"
                : Contains(names, "Redis") || Contains(names, "ConnectionMultiplexer") ? "Redis"
                : Contains(names, "ServiceBus") || Contains(names, "EventHub") ? "Azure Service Bus/Event Hubs"
                : Contains(names, "Blob") || Contains(names, "Queue") || Contains(names, "Table") || Contains(names, "Storage") ? "Azure Storage"
                : Contains(names, "Cosmos") ? "Azure Cosmos DB"
                : "database";
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
