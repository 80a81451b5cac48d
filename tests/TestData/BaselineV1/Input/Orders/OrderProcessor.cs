using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace Shop.Orders;

/// <summary>Processes orders; every member swallows a failure somewhere, on purpose.</summary>
public sealed partial class OrderProcessor
{
    private static readonly HttpClient Client = new();

    private EventHandler? _changed;

    // A field initializer with a block-bodied lambda.
    private readonly Action _onTick = () =>
    {
        try { Work(); } catch (Exception) { }
    };

    private readonly Func<int> _counter = Create(() => { try { return Compute(); } catch (Exception) { return 0; } }, 5);

    public OrderProcessor()
    {
        try { Work(); }
        catch (Exception) { }
    }

    static OrderProcessor()
    {
        try { Work(); } catch (InvalidOperationException) { }
    }

    public int Count
    {
        get
        {
            try { return Compute(); } catch (Exception) { return 0; }
        }

        set
        {
            try { Store(value); } catch (Exception) { }
        }
    }

    public string Name { get; set; } = Describe(() => { try { Work(); } catch (Exception) { } });

    public Uri Endpoint => new("https://orders.corp.internal/");

    public int this[int index]
    {
        get { try { return Compute() + index; } catch (Exception) { return -1; } }
    }

    public event EventHandler Changed
    {
        add { try { _changed += value; Work(); } catch (Exception) { } }
        remove { _changed -= value; }
    }

    public static OrderProcessor operator +(OrderProcessor left, OrderProcessor right)
    {
        try { Work(); } catch (Exception) { }
        return left;
    }

    public static bool operator ==(OrderProcessor? left, OrderProcessor? right)
    {
        try { Work(); } catch (Exception) { }
        return ReferenceEquals(left, right);
    }

    public static bool operator !=(OrderProcessor? left, OrderProcessor? right) => !(left == right);

    public static implicit operator int(OrderProcessor processor)
    {
        try { return processor.Count; } catch (Exception) { return 0; }
    }

    public void Process()
    {
        try { Work(); } catch (Exception) { }
        Helper();
        try { Work(); } catch (Exception) { }

        void Helper()
        {
            try { Work(); } catch /* deliberately empty */ (Exception) { }
        }
    }

    public void Process(int times)
    {
        for (var i = 0; i < times; i++)
        {
            try { Work(); } catch (Exception) { }
        }
    }

    public async Task FetchAsync()
    {
        await Client.GetAsync("https://inventory.corp.internal/api/stock");
        await Client.GetAsync(@"https://inventory.corp.internal/api/verbatim");
        await Client.GetAsync("""https://inventory.corp.internal/api/raw""");
        var id = 42;
        await Client.GetStringAsync($"https://inventory.corp.internal/api/stock/{id}");
        await Client.GetStringAsync($"https://inventory.corp.internal/api/stock/{ /* the id */ id }/items");
    }

    public void Run(IEnumerable<int> items)
    {
        foreach (var item in items)
        {
            Action act = () => { try { Store(item); } catch (Exception) { } };
            act();
        }
    }

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => 1;

    ~OrderProcessor()
    {
        try { Work(); } catch (Exception) { }
    }

    private static void Work() => GC.KeepAlive(Client);

    private static int Compute() => Environment.ProcessorCount;

    private static void Store(int value) => GC.KeepAlive(value);

    private static string Describe(Action action)
    {
        action();
        return "described";
    }

    private static Func<int> Create(Func<int> factory, int seed) => () => factory() + seed;

    public sealed class Batch<T>
        where T : class
    {
        public void Handle(T item)
        {
            try
            {
                Work();
                GC.KeepAlive(item);
            }
            catch (Exception)
            {
                // ignored: the batch goes on
            }
        }
    }
}

public sealed partial class OrderProcessor
{
    public void Process(string reason)
    {
        try { Work(); } catch (Exception) { }
        GC.KeepAlive(reason);
    }
}

public record OrderPlaced(string Id)
{
    public void Publish()
    {
        try { Send(Id); } catch (Exception) { }
    }

    private static void Send(string id) => GC.KeepAlive(id);
}

public readonly record struct Money(decimal Amount)
{
    public static Money operator -(Money a, Money b)
    {
        try { return new Money(checked(a.Amount - b.Amount)); } catch (OverflowException) { return a; }
    }
}

public interface IOrderSink
{
    void Flush()
    {
        try { Send(); } catch (Exception) { }
    }

    void Send();
}
