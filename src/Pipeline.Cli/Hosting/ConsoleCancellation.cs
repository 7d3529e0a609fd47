namespace Pipeline.Cli.Hosting;

/// <summary>A token cancelled by Ctrl-C (the first Ctrl-C cancels the command cleanly instead of killing the process).</summary>
public static class ConsoleCancellation
{
    public static CancellationTokenSource Create()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            try { cts.Cancel(); } catch (ObjectDisposedException) { }
        };
        return cts;
    }
}
