

namespace Pipeline.Site.Catalog;

/// <summary>A withdrawal: the report's page becomes a notice and the report leaves every list, feed and index.</summary>
public sealed record Withdrawal(string IndexCode, string Slug, string Reason, DateTimeOffset WithdrawnAt);
