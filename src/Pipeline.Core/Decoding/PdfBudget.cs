using System.Diagnostics;

namespace Pipeline.Core.Decoding;

/// <summary>Thrown inside PdfPig's parsing when a <see cref="PdfLimits"/> bound is crossed; caught by <see cref="PdfDecoder"/>.</summary>
public sealed class PdfLimitExceededException(string message) : Exception(message);

/// <summary>What reading one PDF may still spend: decompressed bytes and wall time. Shared by every stream filter of the file.</summary>
internal sealed class PdfBudget(PdfLimits limits)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _decompressed;

    public long RemainingBytes => limits.MaxDecompressedBytes - _decompressed;

    public long MaxContentStreamBytes => limits.MaxContentStreamBytes;

    public void Spend(long bytes)
    {
        _decompressed += bytes;
        if (_decompressed > limits.MaxDecompressedBytes)
            throw new PdfLimitExceededException($"streams inflate to more than {limits.MaxDecompressedBytes / (1024 * 1024)} MB");
    }

    public void CheckTime()
    {
        if (_clock.Elapsed > limits.MaxDuration)
            throw new PdfLimitExceededException($"reading took longer than {limits.MaxDuration.TotalSeconds:0} s");
    }
}
