namespace Pipeline.Cli;

/// <summary>
/// What the CLI's exit status means (README, "Operator CLI"). Scripts branch on these, so they are part of the
/// command-line contract: a code never changes meaning.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// The command ran and the answer is no: no report or upload by that name (status, withdraw, approve), a report
    /// that cannot be approved, a rebuild skipped because another publisher holds the lease, a score below --min.
    /// </summary>
    public const int NotDone = 1;

    /// <summary>Usage error: unknown command or option, missing or malformed value, input file not found. Nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>An unexpected error (storage unreachable or misconfigured, I/O): the message is on stderr.</summary>
    public const int Failed = 3;

    /// <summary>Cancelled by Ctrl-C before the command finished (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
