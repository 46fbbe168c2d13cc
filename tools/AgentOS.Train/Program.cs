namespace AgentOS.Train;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("agentos-train: not built yet (issue 3).");
        return 2;
    }
}
