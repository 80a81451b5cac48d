using System;

[assembly: CLSCompliant(false)]

namespace Shop.Quirks
{
    public class Inside
    {
        public void Run()
        {
            try { GC.KeepAlive(this); } catch (Exception) { }
        }
    }
}

namespace Shop.Other
{
    public class After
    {
        public void Run() => GC.KeepAlive(this);
    }
}
