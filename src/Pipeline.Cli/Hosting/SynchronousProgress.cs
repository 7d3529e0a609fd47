namespace Pipeline.Cli.Hosting;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread. <see cref="Progress{T}"/> posts to the thread
/// pool instead, so its last reports can arrive after the work (and the bar's final erase) are done.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
