using System;
using System.Threading;

namespace ReadinessAnalyzers;

/// <summary>
/// An analyzer's per-compilation state, built on its first callback instead of in its compilation-start action.
/// In a fresh compiler process the compilation binds its references on first use. A start action that looks a type up
/// (or asks for <c>compilation.Assembly</c>, <c>References</c>, …) runs before the compiler has done that, and pays for
/// the binding of every reference — or waits for it — in its own time: tens of milliseconds per project, charged to
/// whichever analyzer asks first. Callbacks run after the compiler has bound what they see, so the same look-ups then
/// cost only themselves. Start actions therefore only read options and register; the state is built here, once
/// (concurrent first callbacks wait for it), and is null when the compilation cannot contain what the rule looks for:
/// every callback then returns at once.
/// </summary>
internal sealed class FirstUse<T>
    where T : class
{
    private readonly Lazy<T?> _value;

    public FirstUse(Func<T?> create) => _value = new Lazy<T?>(create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The state, or null when the rule has nothing to look for in this compilation.</summary>
    public T? Value => _value.Value;
}
