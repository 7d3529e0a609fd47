using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Core;
using Pipeline.Core.Model;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline inspect &lt;file&gt; [--agency &lt;publisher name&gt;] [--json]</c>: analyses one file with the core library
/// and prints the verdict. The --json shape is a contract other tools depend on; exit code 0 whatever the verdict,
/// 2 only for usage errors (missing or unknown argument, file not found or unreadable).
/// </summary>
public static class InspectCommand
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Chinese text is emitted as-is, not as \uXXXX escapes; the output is UTF-8 JSON, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The report file (text, .docx, .pdf or web page)." }.MustExist();
        var agency = new Option<string>("--agency") { Description = "The publisher name of the uploading agency, as the agency registry gives it.", HelpName = "publisher name" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on one line (a contract other tools read) instead of the readable report." };
        var command = new Command("inspect", "Analyse one file without storage and print the verdict, metadata with its sources, outline and removed lines.")
        {
            file, agency, json,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(file), parse.GetValue(agency), parse.GetValue(json), ct));
        return command;
    }

    public static async Task<int> RunAsync(string file, string? agency, bool json, CancellationToken cancellationToken = default)
    {
        ReportAnalysis analysis;
        try
        {
            await using var stream = File.OpenRead(file);
            var context = agency is null ? null : AgencyContext.FromName(agency);
            analysis = await ReportAnalyzer.AnalyzeAsync(stream, Path.GetFileName(file), context, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pipeline inspect: cannot read {file}: {ex.Message}");
            return ExitCodes.Usage;
        }

        await Console.Out.WriteAsync(json ? ToJson(analysis) + "\n" : ToSummary(analysis)).ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The --json contract: one object, unknown fields null, dates yyyy-MM-dd, Chinese unescaped.</summary>
    public static string ToJson(ReportAnalysis analysis)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            var m = analysis.Metadata;
            writer.WriteStartObject();
            writer.WriteBoolean("accepted", analysis.Verdict.Accepted);
            writer.WriteBoolean("publishable", analysis.Verdict.Publishable);
            WriteFindings(writer, "errors", analysis.Verdict.Errors);
            WriteFindings(writer, "warnings", analysis.Verdict.Warnings);
            writer.WriteStartObject("metadata");
            WriteString(writer, "indexCode", m.IndexCode.HasValue ? m.IndexCode.Value : null);
            WriteString(writer, "publisher", m.Publisher.HasValue ? m.Publisher.Value : null);
            WriteString(writer, "generatedDate", FormatDate(m.GeneratedDate));
            WriteString(writer, "publicScope", m.PublicScope.HasValue ? m.PublicScope.Value : null);
            WriteString(writer, "publicScopeNormalized", m.PublicScopeNormalized switch
            {
                PublicScope.Public => "public",
                PublicScope.NotPublic => "not-public",
                _ => null,
            });
            WriteString(writer, "releaseDate", FormatDate(m.ReleaseDate));
            WriteString(writer, "title", m.Title.HasValue ? m.Title.Value : null);
            // Added fields (the contract only grows): where the publisher came from, and every name the document gives.
            WriteString(writer, "publisherSource", m.Publisher.HasValue ? m.Publisher.Source.ToString().ToLowerInvariant() : null);
            writer.WriteStartArray("publisherCandidates");
            foreach (var candidate in m.PublisherCandidates)
            {
                writer.WriteStartObject();
                writer.WriteString("name", candidate.Name);
                writer.WriteString("from", candidate.From);
                if (candidate.LineNumber is { } line) writer.WriteNumber("line", line);
                else writer.WriteNull("line");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray("outline");
            foreach (var heading in analysis.Document.Headings)
            {
                writer.WriteStartObject();
                writer.WriteNumber("level", heading.Level);
                writer.WriteString("text", heading.DisplayText);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("tables", analysis.Document.Tables.Count());
            writer.WriteNumber("removedLines", analysis.RemovedLines.Count);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteFindings(Utf8JsonWriter writer, string name, IReadOnlyList<Finding> findings)
    {
        writer.WriteStartArray(name);
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", finding.Code);
            writer.WriteString("message", finding.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static string? FormatDate(MetadataValue<DateOnly?> value) =>
        value.Value is { } date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The human-readable report: verdict, metadata with sources, outline, findings, removed lines.</summary>
    public static string ToSummary(ReportAnalysis analysis)
    {
        var sb = new StringBuilder();
        var v = analysis.Verdict;
        sb.AppendLine($"{analysis.FileName}  ({analysis.Length} bytes, {analysis.Encoding ?? "not decoded"})");
        sb.AppendLine($"verdict:     {(v.Accepted ? "ACCEPTED" : "REJECTED")}{(v.Accepted ? v.Publishable ? ", publishable" : ", NOT publishable" : "")}");
        sb.AppendLine();
        sb.AppendLine("metadata:");
        var m = analysis.Metadata;
        Field("title", m.Title.Value, m.Title.Source);
        Field("index code", m.IndexCode.Value, m.IndexCode.Source);
        Field("publisher", m.Publisher.Value, m.Publisher.Source);
        Field("generated", FormatDate(m.GeneratedDate) ?? m.GeneratedDate.Raw, m.GeneratedDate.Source);
        Field("released", FormatDate(m.ReleaseDate) ?? m.ReleaseDate.Raw, m.ReleaseDate.Source);
        Field("scope", m.PublicScope.Value is null ? null : $"{m.PublicScope.Value} ({m.PublicScopeNormalized})", m.PublicScope.Source);

        var doc = analysis.Document;
        sb.AppendLine();
        sb.AppendLine($"outline ({doc.Headings.Count()} headings, {doc.Blocks.Count} blocks, {doc.Tables.Count()} tables):");
        foreach (var heading in doc.Headings)
            sb.Append(' ', 2 * heading.Level).AppendLine(heading.DisplayText);
        if (doc.Signature is { } signature)
            sb.AppendLine("  signature: " + string.Join(" ", signature.Organisations.Append(signature.DateText ?? "").Where(s => s.Length > 0)));

        Findings("errors", v.Errors);
        Findings("warnings", v.Warnings);
        if (analysis.RemovedLines.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine($"removed lines ({analysis.RemovedLines.Count}):");
            foreach (var removed in analysis.RemovedLines)
                sb.AppendLine($"  {removed.LineNumber,5}  [{removed.Reason}] {Shorten(removed.Text)}");
        }
        return sb.ToString();

        void Field(string name, string? value, MetadataSource source) =>
            sb.AppendLine($"  {name,-11} {value ?? "-"}{(source == MetadataSource.None ? "" : $"   [{source.ToString().ToLowerInvariant()}]")}");

        void Findings(string name, IReadOnlyList<Finding> findings)
        {
            if (findings.Count == 0) return;
            sb.AppendLine();
            sb.AppendLine($"{name}:");
            foreach (var f in findings)
                sb.AppendLine($"  {f.Code}{(f.Location is null ? "" : $" ({f.Location})")}: {f.MessageZh}").AppendLine($"      {f.MessageEn}");
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
