namespace Pipeline.Core.Tests.Properties;

/// <summary>A line holding a known resident ID number as written.</summary>
public sealed record IdForm(string Number, string Line);
