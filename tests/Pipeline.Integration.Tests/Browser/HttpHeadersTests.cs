using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser;

/// <summary>
/// Every file of the site, fetched over HTTP from the local host's server: the right Content-Type (with charset for
/// text), long-lived immutable caching only for content-addressed files, short caching for everything else.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed partial class HttpHeadersTests(PublicSiteFixture site, ITestOutputHelper output)
{
    private const string Immutable = "public, max-age=31536000, immutable";

    [Fact]
    public async Task Every_file_is_served_with_its_content_type_and_cache_policy()
    {
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        var problems = new List<string>();
        foreach (var blob in site.SiteBlobs.Values.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            using var response = await http.GetAsync(blob.Name);
            var body = await response.Content.ReadAsByteArrayAsync();
            var contentType = response.Content.Headers.ContentType?.ToString();
            var cacheControl = response.Headers.CacheControl?.ToString();
            output.WriteLine($"{blob.Name}: {(int)response.StatusCode} {contentType} | {cacheControl}");

            if (response.StatusCode != HttpStatusCode.OK) problems.Add($"{blob.Name}: status {(int)response.StatusCode}");
            if (!body.AsSpan().SequenceEqual(blob.Content)) problems.Add($"{blob.Name}: served bytes differ from the blob");
            var expectedType = ExpectedContentType(blob.Name);
            if (!string.Equals(contentType, expectedType, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{blob.Name}: Content-Type '{contentType}', expected '{expectedType}'");
            // A report's uploaded original is a download that keeps its Chinese name (RFC 6266/5987).
            var disposition = response.Content.Headers.ContentDisposition?.ToString() ?? "";
            if (blob.Name.Contains("/original.", StringComparison.Ordinal)
                && !(disposition.StartsWith("attachment; filename=", StringComparison.Ordinal) && disposition.Contains("filename*=UTF-8''", StringComparison.Ordinal)))
                problems.Add($"{blob.Name}: Content-Disposition '{response.Content.Headers.ContentDisposition}', expected an attachment with filename*");
            if (response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) is false || nosniff.Single() != "nosniff")
                problems.Add($"{blob.Name}: no X-Content-Type-Options: nosniff");

            if (IsContentAddressed(blob.Name, blob.Content, out var fingerprintProblem))
            {
                if (fingerprintProblem is not null) problems.Add($"{blob.Name}: {fingerprintProblem}");
                if (cacheControl != Immutable) problems.Add($"{blob.Name}: Cache-Control '{cacheControl}', expected '{Immutable}' for a content-addressed file");
            }
            else
            {
                var maxAge = response.Headers.CacheControl?.MaxAge;
                if (cacheControl is null || cacheControl.Contains("immutable", StringComparison.Ordinal) || maxAge is null || maxAge > TimeSpan.FromHours(1))
                    problems.Add($"{blob.Name}: Cache-Control '{cacheControl}', expected a short max-age (≤ 1 h) for a file that changes in place");
            }
        }
        Assert.Empty(problems);
        Assert.Contains(site.SiteBlobs.Keys, n => n.StartsWith("assets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_served_by_its_folder_url_revalidates_with_its_etag()
    {
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        var url = site.Sample("002").Url;

        using var first = await http.GetAsync(url);
        var etag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag!);
        using var second = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html; charset=utf-8", first.Content.Headers.ContentType?.ToString());
        Assert.NotNull(etag);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    private static string ExpectedContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".xml" when name == "feed.xml" => "application/atom+xml; charset=utf-8",
        ".xml" => "application/xml; charset=utf-8",
        ".bin" => "application/octet-stream",
        ".pdf" => "application/pdf",
        var other => $"(no expectation for '{other}' files: add one)",
    };

    /// <summary>
    /// Files whose name changes whenever their content does and which nothing ever withdraws: assets carry the first
    /// 4 bytes of their SHA-256. Search shards are named after their segment's content hash too, but a withdrawal
    /// deletes them (their words must leave every cache), so they are cached briefly like everything else.
    /// </summary>
    private static bool IsContentAddressed(string name, byte[] content, out string? fingerprintProblem)
    {
        fingerprintProblem = null;
        var asset = FingerprintedAsset().Match(name);
        if (asset.Success)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 4));
            if (actual != asset.Groups["hash"].Value)
                fingerprintProblem = $"fingerprint {asset.Groups["hash"].Value} is not the content's hash {actual}: browsers would cache stale content forever";
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"^assets/[a-z0-9-]+\.(?<hash>[0-9a-f]{8})\.(css|js)$")]
    private static partial Regex FingerprintedAsset();
}
