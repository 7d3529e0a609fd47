using System.Text.Json;

namespace Pipeline.Cli.Tests;

/// <summary>
/// The `pipeline inspect --json` contract other tools depend on. Console output is process-wide, so these tests run in
/// one collection that does not run in parallel with itself.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public class InspectCommandTests
{
    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.InProcessAsync(args);

    public static TheoryData<string, bool, bool> Expected => new()
    {
        { "000", true, true },
        { "001", true, false },
        { "002", true, true },
        { "003", true, true },
        { "004", false, false },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Json_contract_on_each_sample(string prefix, bool accepted, bool publishable)
    {
        var (exit, stdout, _) = await Run("inspect", CliRun.Sample(prefix), "--json");
        Assert.Equal(0, exit);
        Assert.Single(stdout.Trim().Split('\n')); // one JSON object on one line

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["accepted", "publishable", "errors", "warnings", "metadata", "outline", "tables", "removedLines"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(accepted, root.GetProperty("accepted").GetBoolean());
        Assert.Equal(publishable, root.GetProperty("publishable").GetBoolean());
        foreach (var finding in root.GetProperty("errors").EnumerateArray().Concat(root.GetProperty("warnings").EnumerateArray()))
            Assert.Equal(["code", "message"], finding.EnumerateObject().Select(p => p.Name));
        var metadata = root.GetProperty("metadata");
        // The original fields first and unchanged; the contract grows only by additions after them.
        Assert.Equal(["indexCode", "publisher", "generatedDate", "publicScope", "publicScopeNormalized", "releaseDate", "title", "publisherSource", "publisherCandidates"], metadata.EnumerateObject().Select(p => p.Name));
        foreach (var date in new[] { "generatedDate", "releaseDate" })
            if (metadata.GetProperty(date).ValueKind != JsonValueKind.Null)
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", metadata.GetProperty(date).GetString()!);
        Assert.Contains(metadata.GetProperty("publicScopeNormalized").ValueKind == JsonValueKind.Null ? null : metadata.GetProperty("publicScopeNormalized").GetString(), new[] { "public", "not-public", null });
        foreach (var heading in root.GetProperty("outline").EnumerateArray())
            Assert.Equal(["level", "text"], heading.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("tables").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("removedLines").ValueKind);
        Assert.DoesNotContain("\\u", stdout); // Chinese is emitted unescaped
    }

    [Fact]
    public async Task Json_values_for_sample_001()
    {
        var (_, stdout, _) = await Run("inspect", CliRun.Sample("001"), "--agency", "华容县北景港镇人民政府", "--json");
        var root = JsonDocument.Parse(stdout).RootElement;
        var metadata = root.GetProperty("metadata");
        Assert.Equal("00638229X4/2019-1513549", metadata.GetProperty("indexCode").GetString());
        Assert.Equal("北景港镇", metadata.GetProperty("publisher").GetString());
        Assert.Equal("2019-03-12", metadata.GetProperty("generatedDate").GetString());
        Assert.Equal("全部公开", metadata.GetProperty("publicScope").GetString());
        Assert.Equal("public", metadata.GetProperty("publicScopeNormalized").GetString());
        Assert.Equal("华容县北景港镇2018年度政府信息公开工作年度报告", metadata.GetProperty("title").GetString());
        Assert.Equal(1, root.GetProperty("tables").GetInt32());
        Assert.Equal("personal-data", root.GetProperty("warnings")[0].GetProperty("code").GetString());
        Assert.Equal(new { level = 1, text = "一、概述" }.ToString(), new { level = root.GetProperty("outline")[0].GetProperty("level").GetInt32(), text = root.GetProperty("outline")[0].GetProperty("text").GetString() }.ToString());
    }

    [Fact]
    public async Task Unknown_metadata_is_null()
    {
        var (_, stdout, _) = await Run("inspect", CliRun.Sample("003"), "--json");
        var metadata = JsonDocument.Parse(stdout).RootElement.GetProperty("metadata");
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("indexCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("generatedDate").ValueKind);
        // The title (平凉市2018年政府信息公开工作年度报告) names the publishing body: inferred, not unknown.
        Assert.Equal("平凉市", metadata.GetProperty("publisher").GetString());
        Assert.Equal("inferred", metadata.GetProperty("publisherSource").GetString());
        var candidate = Assert.Single(metadata.GetProperty("publisherCandidates").EnumerateArray());
        Assert.Equal("title", candidate.GetProperty("from").GetString());
        Assert.Equal(1, candidate.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Readable_summary_without_json()
    {
        var (exit, stdout, _) = await Run("inspect", CliRun.Sample("003"));
        Assert.Equal(0, exit);
        Assert.Contains("ACCEPTED", stdout);
        Assert.Contains("一、概述", stdout);
        Assert.Contains("[inferred]", stdout);
        Assert.Contains("duplicate-body", stdout);
    }

    [Theory]
    [InlineData(new[] { "inspect" }, "Required argument 'file' missing")]
    [InlineData(new[] { "inspect", "x.txt", "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "inspect", "/no/such/file.txt", "--json" }, "file not found: /no/such/file.txt")]
    [InlineData(new[] { "inspect", "a.txt", "--agency" }, "Required argument missing for option: '--agency'")]
    [InlineData(new[] { "inspect", "a.txt", "b.txt" }, "Unrecognized command or argument 'b.txt'")]
    public async Task Usage_errors_exit_2(string[] args, string message)
    {
        var (exit, stdout, stderr) = await Run(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.Empty(stdout);
    }
}
