using System;
using System.Collections.Generic;

namespace Shop.Quirks
{
    public class Members
    {
        private int record;
        private Dictionary<string, List<int>> _map = new();
        private Settings _s = new Settings { Name = "a" }.With(1), _t = new();
        public static Members operator checked +(Members a, Members b) => a;
        public static Members operator +(Members a, Members b) => a;
        public int Value => new Settings { Name = "b" }.Length + Use(record);
        [Obsolete] public (int, int) Pair { get; } = (1, 2);
        public ref readonly int Ref => ref record;
        public unsafe delegate*<int, void> Pointer => null;
        public T Get<T>() where T : new() => new T();
        public IEnumerable<int> Iterate() { yield return 1; }
        public void Lambdas()
        {
            Func<int, int> f = x => { return x; };
            var g = (int x) => x * 2;
            var anon = new { A = 1, B = "b" };
            GC.KeepAlive(f); GC.KeepAlive(g); GC.KeepAlive(anon);
        }

        private static int Use(int x) => x;
    }

    public struct Settings
    {
        public string Name { get; set; }

        public int Length => Name.Length;

        public Settings With(int x) => this;
    }
}
