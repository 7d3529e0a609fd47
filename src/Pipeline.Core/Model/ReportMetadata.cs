namespace Pipeline.Core.Model;

/// <summary>Where a metadata value came from, so an agency can see why the site shows it.</summary>
public enum MetadataSource
{
    /// <summary>Not found anywhere.</summary>
    None,
    /// <summary>The document's own header block (索引号: ... lines or table rows).</summary>
    Document,
    /// <summary>The caller's context: the uploading agency from the registry.</summary>
    Context,
    /// <summary>Inferred from the body (signature organisation, signature date, 时间: line...).</summary>
    Inferred,
    /// <summary>A configured default (e.g. the public scope applied when none is written).</summary>
    Default,
    /// <summary>Assigned by the pipeline (e.g. an index code from the agency's sequence).</summary>
    Assigned,
}

/// <summary>Whether the public scope allows proactive publication on the site.</summary>
public enum PublicScope
{
    Unknown,
    /// <summary>主动公开 / 全部公开 / 公开: goes on the public site.</summary>
    Public,
    /// <summary>依申请公开 / 不予公开 / 内部 / 部分公开...: kept, never published.</summary>
    NotPublic,
}

public sealed record MetadataValue<T>(T? Value, MetadataSource Source, string? Raw = null)
{
    public static MetadataValue<T> Missing { get; } = new(default, MetadataSource.None);
    public bool HasValue => Value is not null && Source != MetadataSource.None;
}

/// <summary>The index metadata of a report (政府信息公开目录 fields) with the provenance of each value.</summary>
public sealed record ReportMetadata
{
    public MetadataValue<string> IndexCode { get; init; } = MetadataValue<string>.Missing;
    public MetadataValue<string> Publisher { get; init; } = MetadataValue<string>.Missing;
    public MetadataValue<DateOnly?> GeneratedDate { get; init; } = MetadataValue<DateOnly?>.Missing;
    /// <summary>公开范围 / 公开属性 / 公开方式 as written.</summary>
    public MetadataValue<string> PublicScope { get; init; } = MetadataValue<string>.Missing;
    public PublicScope PublicScopeNormalized { get; init; } = Model.PublicScope.Unknown;
    public MetadataValue<DateOnly?> ReleaseDate { get; init; } = MetadataValue<DateOnly?>.Missing;
    public MetadataValue<string> Title { get; init; } = MetadataValue<string>.Missing;

    /// <summary>Every name of the publishing body the document gives (header, title, signature, 来源 line), in that order.</summary>
    public IReadOnlyList<PublisherCandidate> PublisherCandidates { get; init; } = [];
}

/// <summary>A name of the publishing body found in the document, and where: "header", "title", "signature" or "source-line".</summary>
public sealed record PublisherCandidate(string Name, string From, int? LineNumber);
