using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// An <c>ILogger</c> that code at a position can use (<see cref="ValueInScope"/>), names with "log" first.
/// One definition for RDY1001's advice and the RDY1001 and RDY2005 code fixes, so a message never promises a
/// logger a fix cannot find.
/// </summary>
internal static class LoggerInScope
{
    public const string LoggerInterface = "Microsoft.Extensions.Logging.ILogger";

    public static ISymbol? Find(SemanticModel model, int position, ISymbol? enclosing, INamedTypeSymbol loggerType)
        => ValueInScope.Find(model, position, enclosing, loggerType, "log");

    public static ITypeSymbol? TypeOf(ISymbol symbol) => ValueInScope.TypeOf(symbol);

    /// <summary>The logging extension method (<c>LogError</c>, <c>LogInformation</c>) is visible at the position, i.e. the
    /// <c>Microsoft.Extensions.Logging</c> namespace is imported there.</summary>
    public static bool LogMethodIsVisible(SemanticModel model, int position, ISymbol logger, string method)
        => TypeOf(logger) is { } type
           && !model.LookupSymbols(position, type, method, includeReducedExtensionMethods: true).IsEmpty;
}
