using Pipeline.Core.Classification;

namespace Pipeline.Core.Tests.Classification;

public class ClassificationTextTests
{
    [Theory]
    [InlineData("依\u200B申请公开", "依申请公开")]            // zero-width space
    [InlineData("依\u00AD申\u2060请\uFEFF公\u200C开\u200D", "依申请公开")] // soft hyphen, word joiner, BOM, ZWNJ, ZWJ
    [InlineData("\u200E依申请\u202B公开\u202C", "依申请公开")]  // bidi marks and embeddings
    [InlineData("内\uFE0F部", "内部")]                          // variation selector
    [InlineData("依 申 请 公 开", "依申请公开")]                // spaced out
    [InlineData("依\u3000申\u00A0请  公开", "依申请公开")]        // ideographic space, NBSP, double space
    [InlineData("依申請公開", "依申请公开")]                    // traditional
    [InlineData("不予公開", "不予公开")]
    [InlineData("內部", "内部")]
    [InlineData("主動公開", "主动公开")]
    [InlineData("公開範圍：依申請公開", "公开范围:依申请公开")]   // full-width colon folded by NFKC
    [InlineData("ＴＥＬ　１３９", "TEL 139")]                   // full-width letters and digits; the space between Latin stays
    [InlineData("\u2F00\u4E8C", "一二")]                        // Kangxi radical folds to the unified ideograph
    [InlineData("  ", "")]
    public void Normalises_for_classification(string written, string expected) =>
        Assert.Equal(expected, ClassificationText.Normalize(written));

    [Fact]
    public void Never_throws_on_a_lone_surrogate() =>
        Assert.Equal("依申请", ClassificationText.Normalize("依\uD800申请"));
}
