namespace Pipeline.Stages;

/// <summary>How far a rebuild has got: reports loaded and handed to the site generator, of those ever published.</summary>
public readonly record struct RebuildProgress(int Done, int Total);
