using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>The task and exception types the failure-handling rules share, resolved once per compilation.</summary>
internal sealed class AsyncSymbols
{
    private AsyncSymbols(Compilation compilation, INamedTypeSymbol task, INamedTypeSymbol exception)
    {
        Task = task;
        Exception = exception;
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        ConfiguredTaskAwaitable = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
        ConfiguredTaskAwaitableOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
        ConfiguredValueTaskAwaitable = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
        ConfiguredValueTaskAwaitableOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        EventArgs = compilation.GetTypeByMetadataName("System.EventArgs");
        SystemException = compilation.GetTypeByMetadataName("System.SystemException");
    }

    public INamedTypeSymbol Task { get; }
    public INamedTypeSymbol Exception { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaitable { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaitableOfT { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaitable { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaitableOfT { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? EventArgs { get; }
    public INamedTypeSymbol? SystemException { get; }

    public static AsyncSymbols? Create(Compilation compilation)
    {
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var exception = compilation.GetTypeByMetadataName("System.Exception");
        return task is null || exception is null ? null : new AsyncSymbols(compilation, task, exception);
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (nullable value tasks included).</summary>
    public bool IsTask(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return SymbolNames.IsOrInheritsFrom(type, Task)
            || Is(type, ValueTask)
            || Is(type, ValueTaskOfT);
    }

    /// <summary>A task or the result of <c>ConfigureAwait</c> on one.</summary>
    public bool IsTaskOrConfiguredTask(ITypeSymbol? type)
        => IsTask(type)
           || Is(type, ConfiguredTaskAwaitable)
           || Is(type, ConfiguredTaskAwaitableOfT)
           || Is(type, ConfiguredValueTaskAwaitable)
           || Is(type, ConfiguredValueTaskAwaitableOfT);

    /// <summary><c>Task.Run</c> or <c>TaskFactory.StartNew</c>: code started on the thread pool.</summary>
    public bool IsTaskStart(IMethodSymbol method)
        => (method.Name == "Run" && Is(method.ContainingType, Task))
           || (method.Name == "StartNew" && (Is(method.ContainingType, TaskFactory) || Is(method.ContainingType, TaskFactoryOfT)));

    /// <summary>(object sender, EventArgs-like e): the shape the platform calls for events.</summary>
    public bool HasEventHandlerShape(IMethodSymbol method)
    {
        if (method.Parameters.Length != 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_Object)
        {
            return false;
        }

        var args = method.Parameters[1].Type;
        return SymbolNames.IsOrInheritsFrom(args, EventArgs) || args.Name.EndsWith("EventArgs", System.StringComparison.Ordinal);
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}
