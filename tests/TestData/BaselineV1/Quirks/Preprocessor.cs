namespace Shop.Quirks;

public class Conditional
{
#if NET8_0
    public void Run(int value)
    {
        System.GC.KeepAlive(value);
    }
#else
    public void Run(long value)
    {
        System.GC.KeepAlive(value);
    }
#endif

    public void After()
    {
        System.GC.KeepAlive(this); /* a comment
        spanning lines */ System.GC.KeepAlive(this);
        var text = @"a verbatim
        string";
#if DEBUG
        System.GC.KeepAlive(text);
#else
        System.GC.KeepAlive("a b"); // release
#endif
    }

#if DEBUG
    // disabled "code" with a comment
    public void DebugOnly() { System.GC.KeepAlive("a b"); }
#endif
}
