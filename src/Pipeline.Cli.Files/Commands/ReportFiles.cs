namespace Pipeline.Cli.Commands;

/// <summary>Which files of a folder the CLI treats as reports when given the folder rather than the files.</summary>
public static class ReportFiles
{
    // The formats agencies upload. A folder of samples also holds its README and manifest, which are not reports;
    // a file named explicitly on the command line is always analysed, whatever its extension.
    private static readonly HashSet<string> ReportExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".text", ".docx", "" };

    public static IEnumerable<string> InFolder(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => ReportExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal);
}
