using Pipeline.Core.Model;

namespace Pipeline.Site.Reports;

public sealed record ReportPageModel(ReportDocument Document, PageMetadata Metadata);
