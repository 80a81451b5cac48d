using System;
using System.Threading.Tasks;

namespace Shop.Billing
{
    namespace Internal
    {
        internal struct Ledger<TKey, TValue>
            where TKey : notnull
        {
            public void Post(TKey key, TValue value)
            {
                try { Write(key, value); } catch (Exception) { }
            }

            private static void Write(TKey key, TValue value) => GC.KeepAlive((key, value));
        }
    }

    public enum InvoiceState
    {
        Open,
        Paid,
    }

    public class InvoiceService
    {
        private const string Database = @"Server=sql-billing.corp.internal;Database=Billing;Integrated Security=true";

        public (int Paid, int Open) Totals()
        {
            try { return (Count(InvoiceState.Paid), Count(InvoiceState.Open)); } catch (Exception) { return default; }
        }

        public async void Refresh()
        {
            await Task.Yield();
            GC.KeepAlive(Database);
        }

        public void Wait() => RefreshAsync().Wait();

        public int Load() => RefreshAsync().Result;

        private static Task<int> RefreshAsync() => Task.FromResult(1);

        private static int Count(InvoiceState state)
        {
#if DEBUG
            try { return (int)state; } catch (Exception) { return 0; }
#else
            return (int)state;
#endif
        }
    }
}
