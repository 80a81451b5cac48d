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
            start.RegisterOperationAction(analysis.AnalyzeString, HardCodedStrings.Kinds);
            // Only arguments and assignments can be sinks: register there, not on every field and local reference.
            start.RegisterOperationAction(analysis.AnalyzeSinkArgument, OperationKind.Argument);
            start.RegisterOperationAction(analysis.AnalyzeSinkAssignment, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
        });
    }

    private sealed class CompilationAnalysis
    {
        // Needed only for a finding: looked up then (EF Core's namespaces are large), not in every compilation.
        private readonly Lazy<INamedTypeSymbol?> _designTimeFactory;
        private readonly PerTreeOptions<bool> _ignoreLocal;

        public CompilationAnalysis(Compilation compilation, AnalyzerOptions options)
        {
            _designTimeFactory = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory`1"));
            _ignoreLocal = new PerTreeOptions<bool>(options, IgnoreLocalOption.GetValue);
        }

        public void AnalyzeString(OperationAnalysisContext context)
        {
            if (!HardCodedStrings.TryGetText(context.Operation, out var text))
            {
                return;
            }

            var info = text.Length < 6 ? null : ConnectionStringParser.Parse(text, HardCodedStrings.Hole);
            if (info is null && Sink(HardCodedStrings.Consumer(context.Operation)) is { } sinkKind)
            {
                info = ConnectionStringParser.ParseAtSink(text, sinkKind, HardCodedStrings.Hole);
            }

            Report(context, info, context.Operation);
        }

        /// <summary>A constant field or local passed to a sink whose declaration alone was not recognisable
        /// (<c>const string Cache = "redis-prod:6379"; ConnectionMultiplexer.Connect(Cache)</c>).</summary>
        public void AnalyzeSinkArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (!MayHoldConstant(argument.Value) || argument.Parameter is not { Name.Length: >= 10 } || Sink(argument) is not { } sinkKind)
            {
                return;
            }

            AnalyzeSinkValue(context, argument.Value, sinkKind, 0);
        }

        /// <summary>The same for <c>options.ConnectionString = Cache</c>.</summary>
        public void AnalyzeSinkAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!MayHoldConstant(assignment.Value) || assignment.Target is not IPropertyReferenceOperation || Sink(assignment) is not { } sinkKind)
            {
                return;
            }

            AnalyzeSinkValue(context, assignment.Value, sinkKind, 0);
        }

        /// <summary>The cheapest test, before the sink's names are read: only what <see cref="AnalyzeSinkValue"/>
        /// descends through can lead to a constant field or local.</summary>
        private static bool MayHoldConstant(IOperation value)
            => value.Kind is OperationKind.FieldReference or OperationKind.LocalReference or OperationKind.Conversion or OperationKind.Coalesce or OperationKind.Conditional;

        /// <summary>Descends from a sink's value through what <see cref="HardCodedStrings.Consumer"/> climbs
        /// (conversions, the fallback of <c>??</c>, the branches of <c>?:</c>) to constant fields and locals.</summary>
        private void AnalyzeSinkValue(OperationAnalysisContext context, IOperation value, string sinkKind, int depth)
        {
            switch (value)
            {
                case IFieldReferenceOperation or ILocalReferenceOperation:
                    if (value.ConstantValue is { HasValue: true, Value: string text } && ConnectionStringParser.Parse(text, HardCodedStrings.Hole) is null)
                    {
                        Report(context, ConnectionStringParser.ParseAtSink(text, sinkKind, HardCodedStrings.Hole), value);
                    }

                    return;
                case IConversionOperation conversion when depth < 8:
                    AnalyzeSinkValue(context, conversion.Operand, sinkKind, depth + 1);
                    return;
                case ICoalesceOperation coalesce when depth < 8:
                    AnalyzeSinkValue(context, coalesce.WhenNull, sinkKind, depth + 1);
                    return;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when depth < 8:
                    AnalyzeSinkValue(context, conditional.WhenTrue, sinkKind, depth + 1);
                    AnalyzeSinkValue(context, whenFalse, sinkKind, depth + 1);
                    return;
            }
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
                case IArgumentOperation { Parameter: { } parameter } argument:
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
