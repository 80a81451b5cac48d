using System;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Shop.Tests")]

namespace Shop.Quirks;

public class First
{
    public void Run()
    {
        try { Work(); } catch (Exception) { }
    }

    private static void Work() { }
}

public class Second
{
    public void Run() => GC.KeepAlive(this);
}
