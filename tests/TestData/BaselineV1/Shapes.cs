// Shapes that the pre-Roslyn outline parser named in its own way. Parsed only (never compiled): the golden
// fingerprints of every node and token here come from that parser, and the Roslyn-side computation must match them.
using System;

#region Declarations {
namespace Shop.Shapes;

public delegate void Notify(string message);

public delegate (int, int) PairFactory();

public record Point(int X, int Y);

/// <summary>A doc comment { with braces }.</summary>
[Serializable]
public partial class Shapes : IComparable
{
    private int _a, _b;
    private int _c = 1, _d = 2;
    private int _e, _f = 3;
    private readonly int @class = 4;
    private static readonly string[] Names = ["a", "b"];
    private readonly (string, int)[] _known = [("a", 1)];
    private readonly Settings _settings = new Settings { Name = "x" }, _other = new();

    public int Auto { get; } = Compute(1);

    public int AutoBlock { get; } = new Settings { Name = "y" }.Length;

    public int Built => new Settings { Name = "z" }.With(2);

    [Obsolete]
    (int, int) Pair() => (1, 2);

    public static (int Start, int End) Range() => (0, 1);

    public record Inner(int Value);

    public delegate void Handler(int x);

    public class Empty;

    public enum Kind
    {
        A = 1 << 2,
        B,
    }

    int Switch(int x) => x switch { 1 => 2, _ => 3 };

    int SwitchPlus(int x) => x switch { 1 => 2, _ => 3 } + 1;

    string Texts(int x)
    {
        var a = "a b";
        var c = ' ';
        var q = '\'';
        var r = """ x { y """;
        var i = $$"""{{x}} { """;
        var v = @"a "" b";
        var h = $"{(x > 0 ? "}" : "{")} }}";
        var u = "u8 text"u8.Length;
        return a + c + q + r + i + v + h + u; // trailing } comment
    }

    public static explicit operator string(Shapes s) => s.ToString() ?? "";

    public static Shapes operator >>(Shapes a, int b) => a;

    public static bool operator <=(Shapes a, Shapes b) => true;

    public static bool operator >=(Shapes a, Shapes b) => true;

    void Generic<T>() where T : struct { }

    int IComparable.CompareTo(object? o) => 0;

    /* a block comment with a } brace */
    public void WithComments(/* before */ int x /* after */)
    {
        Use(x); // a comment
        Use(x);
    }

    public void WithComments(string x)
    {
        Use(1);
    }

#if NEVER
    public void Disabled() { Use(1); }
#endif

    public void AfterDisabled()
    {
#if DEBUG
        Use(2);
#else
        Use(3);
#endif
    }

    [return: Obsolete]
    public static Func<int, int> Lambdas() => x => x + 1;

    public event EventHandler? Raised, Lowered;

    private static int Compute(int x) => x;

    private static void Use(int x) => GC.KeepAlive(x);
}

public partial class Shapes
{
    public void WithComments()
    {
        Use(1);
        Use(1);
    }
}

public struct Settings
{
    public string Name { get; set; }

    public int Length => Name.Length;

    public int With(int x) => x;
}
#endregion
