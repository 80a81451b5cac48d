namespace Shop.Quirks;

// Known difference (rules/RDY9001.md, "The baseline"): the text-only outline read both branches of an #if
// whose branches open different declarations, so it lost track of the braces; the syntax tree does not.
public class Unbalanced
{
#if NET8_0
    public void Run(int value)
    {
#else
    public void Run(long value)
    {
#endif
        System.GC.KeepAlive(value);
    }

    public void After()
    {
        System.GC.KeepAlive(this);
    }
}
