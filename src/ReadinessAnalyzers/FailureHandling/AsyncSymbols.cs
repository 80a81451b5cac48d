using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// The task and exception types the failure-handling rules share: one instance per compilation for all of them,
/// each type looked up on first use (a rule that never meets an async void method or a blocking call never pays
/// for the look-ups; a type missing from the compilation is null and matches nothing).
/// </summary>
internal sealed class AsyncSymbols
{
    private static readonly ConditionalWeakTable<Compilation, AsyncSymbols> Cache = new();

    private readonly Compilation _compilation;
    private object? _task;
    private object? _exception;
    private object? _taskOfT;
    private object? _valueTask;
    private object? _valueTaskOfT;
    private object? _configuredTaskAwaitable;
    private object? _configuredTaskAwaitableOfT;
    private object? _configuredValueTaskAwaitable;
    private object? _configuredValueTaskAwaitableOfT;
    private object? _taskFactory;
    private object? _taskFactoryOfT;
    private object? _eventArgs;
    private object? _systemException;

    private AsyncSymbols(Compilation compilation) => _compilation = compilation;

    public INamedTypeSymbol? Task => Get(ref _task, "System.Threading.Tasks.Task");
    public INamedTypeSymbol? Exception => Get(ref _exception, "System.Exception");
    public INamedTypeSymbol? TaskOfT => Get(ref _taskOfT, "System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask => Get(ref _valueTask, "System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT => Get(ref _valueTaskOfT, "System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? ConfiguredTaskAwaitable => Get(ref _configuredTaskAwaitable, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
    public INamedTypeSymbol? ConfiguredTaskAwaitableOfT => Get(ref _configuredTaskAwaitableOfT, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
    public INamedTypeSymbol? ConfiguredValueTaskAwaitable => Get(ref _configuredValueTaskAwaitable, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
    public INamedTypeSymbol? ConfiguredValueTaskAwaitableOfT => Get(ref _configuredValueTaskAwaitableOfT, "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
    public INamedTypeSymbol? TaskFactory => Get(ref _taskFactory, "System.Threading.Tasks.TaskFactory");
    public INamedTypeSymbol? TaskFactoryOfT => Get(ref _taskFactoryOfT, "System.Threading.Tasks.TaskFactory`1");
    public INamedTypeSymbol? EventArgs => Get(ref _eventArgs, "System.EventArgs");
    public INamedTypeSymbol? SystemException => Get(ref _systemException, "System.SystemException");

    /// <summary>The compilation's shared instance; no type is looked up here.</summary>
    public static AsyncSymbols Create(Compilation compilation) => Cache.GetValue(compilation, static c => new AsyncSymbols(c));

    private INamedTypeSymbol? Get(ref object? slot, string metadataName) => LazyType.Get(_compilation, ref slot, metadataName);

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
