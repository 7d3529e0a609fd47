namespace Pipeline.Integration.Tests.Infrastructure;

/// <summary>Locates the repository (the folder holding Pipeline.sln) from the test's bin folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootLazy.Value;
    public static string Samples => Path.Combine(Root, "samples");
    public static string AgenciesFile => Path.Combine(Root, "config", "agencies.json");
    public static string Azurite => Path.Combine(Root, "node_modules", ".bin", "azurite");
}
