namespace ReadinessAnalyzers.Build.Tests;

/// <summary>
/// The test assembly's entry point (GenerateProgramFile is off). The test host never calls it; a test starts it with
/// <c>dotnet exec</c> as a separate writer process (<see cref="SolutionFileTests"/>: writers in several processes).
/// </summary>
internal static class Program
{
    public const string ContributeCommand = "contribute-rows";

    public static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == ContributeCommand)
        {
            SolutionFileTests.ContributeFromProcess(args[1], args[2], args.Skip(3));
        }

        return 0;
    }
}
