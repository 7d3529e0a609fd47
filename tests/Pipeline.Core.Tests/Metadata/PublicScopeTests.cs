using Pipeline.Core.Metadata;
using Pipeline.Core.Model;

namespace Pipeline.Core.Tests.Metadata;

/// <summary>Issue 16 item 1: a scope is public only when it clearly says so; everything else is kept and never published.</summary>
public class PublicScopeTests
{
    [Theory]
    [InlineData("主动公开", ScopeReading.Public)]
    [InlineData("主 动 公 开", ScopeReading.Public)]
    [InlineData("主動公開", ScopeReading.Public)]
    [InlineData("主动\u200B公开", ScopeReading.Public)]
    [InlineData("主动公开（政府网站）", ScopeReading.Public)]
    [InlineData("面向社会", ScopeReading.Public)]
    [InlineData("依\u200B申请公开", ScopeReading.NotPublic)]
    [InlineData("依 申 请 公 开", ScopeReading.NotPublic)]
    [InlineData("依申請公開", ScopeReading.NotPublic)]
    [InlineData("不 予 公 开", ScopeReading.NotPublic)]
    [InlineData("主动公开（依申请）", ScopeReading.NotPublic)]   // a not-public marker wins over 主动
    [InlineData("主动公开 内部", ScopeReading.NotPublic)]
    [InlineData("暂缓公开", ScopeReading.NotPublic)]
    [InlineData("限制公开", ScopeReading.NotPublic)]
    [InlineData("秘密", ScopeReading.NotPublic)]
    [InlineData("政府网站", ScopeReading.ChannelOnly)]
    [InlineData("待定", ScopeReading.Unclear)]
    [InlineData("公开?主要", ScopeReading.Unclear)]
    [InlineData("", ScopeReading.Empty)]
    [InlineData("\u200B ：", ScopeReading.Empty)]
    public void Reads_a_written_scope(string written, ScopeReading expected) => Assert.Equal(expected, PublicScopes.Read(written));

    [Theory]
    [InlineData("待定", PublicScope.NotPublic)]   // unreadable is not public
    [InlineData("政府网站", PublicScope.Unknown)]  // says nothing about the scope
    [InlineData("主 动 公 开", PublicScope.Public)]
    public void Normalize_fails_closed(string written, PublicScope expected) => Assert.Equal(expected, PublicScopes.Normalize(written));

    [Theory]
    [InlineData("- 公开范围:依\u200B申请公开", "not-public", 3)]
    [InlineData("- 公开范围:依申請公開", "not-public", 3)]
    [InlineData("- 公开范围:待定", "public-scope-unrecognised", 3)]
    [InlineData("- 公开范围:政府网站", "public-scope-unrecognised", 3)]
    [InlineData("- 公开范围:\n依申请公开", "not-public", 3)]           // value on the next line
    [InlineData("- 公开范围:\n华容县北景港镇2018年度报告", "public-scope-unrecognised", 3)] // empty label, body next
    [InlineData("- 公開範圍:依申請公開", "not-public", 3)]              // a label the header reader does not know
    [InlineData("- 索引号:00638229X4/2019-1513549 公開範圍:依申請公開", "not-public", 3)] // inside another pair's line
    [InlineData("- 公开范围:主动公开\n- 公开方式:依申请公开", "not-public", 4)] // any not-public field wins
    [InlineData("- 公开方式:待定", "public-scope-unrecognised", 3)]
    public void A_scope_written_but_not_clearly_public_is_accepted_and_held_with_a_finding_naming_its_line(string scopeLines, string code, int line)
    {
        var analysis = TestFiles.AnalyzeText(TestFiles.Report().Replace("- 公开范围:主动公开", scopeLines, StringComparison.Ordinal));
        Assert.True(analysis.Verdict.Accepted);
        Assert.False(analysis.Verdict.Publishable);
        Assert.NotEqual(PublicScope.Public, analysis.Metadata.PublicScopeNormalized);
        var finding = Assert.Single(analysis.Verdict.Warnings, w => w.Code == code);
        Assert.Equal($"line {line}", finding.Location);
        Assert.Contains($"第 {line} 行", finding.MessageZh);
        Assert.Contains($"line {line}", finding.MessageEn);
    }

    [Theory]
    [InlineData("- 公开范围:主 动 公 开")]
    [InlineData("- 公开范围:主動公開")]
    [InlineData("- 公开范围:主动公开\n- 公开方式:政府网站")]
    [InlineData("- 公开范围:\n主动公开")]
    [InlineData("- 公开范围:主动公开 发布机构:北景港镇")]
    public void A_clearly_public_scope_however_spaced_or_written_is_publishable(string scopeLines)
    {
        var analysis = TestFiles.AnalyzeText(TestFiles.Report().Replace("- 公开范围:主动公开", scopeLines, StringComparison.Ordinal));
        Assert.True(analysis.Verdict.Publishable, string.Join("; ", analysis.Verdict.Warnings.Select(w => w.Code)));
        Assert.Equal(PublicScope.Public, analysis.Metadata.PublicScopeNormalized);
    }

    [Fact]
    public void The_page_keeps_the_scope_as_written()
    {
        var analysis = TestFiles.AnalyzeText(TestFiles.Report().Replace("- 公开范围:主动公开", "- 公开范围:主 動 公 開", StringComparison.Ordinal));
        Assert.Equal("主 動 公 開", analysis.Metadata.PublicScope.Value);
    }
}
