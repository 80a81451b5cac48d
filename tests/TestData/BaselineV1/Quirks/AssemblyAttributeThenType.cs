[assembly: System.CLSCompliant(false)]

public class Lone
{
    public void Run() => System.GC.KeepAlive(this);
}
