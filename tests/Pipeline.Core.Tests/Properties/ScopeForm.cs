namespace Pipeline.Core.Tests.Properties;

/// <summary>Header lines stating a not-public scope as written.</summary>
public sealed record ScopeForm(string Value, string HeaderLines);
