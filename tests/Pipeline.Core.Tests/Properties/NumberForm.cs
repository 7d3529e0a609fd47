namespace Pipeline.Core.Tests.Properties;

/// <summary>A line holding a known mobile number as written (a distinct type, so FsCheck picks its own generator).</summary>
public sealed record NumberForm(string Number, string Line);
