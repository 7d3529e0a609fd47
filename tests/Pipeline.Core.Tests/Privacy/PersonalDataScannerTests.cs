using Pipeline.Core.Privacy;

namespace Pipeline.Core.Tests.Privacy;

public class PersonalDataScannerTests
{
    // GB 11643 check character is valid for this example ID (the standard's own sample).
    public const string ValidId = "11010519491231002X";

    private static List<PersonalDataHit> Scan(string text)
    {
        var hits = new List<PersonalDataHit>();
        PersonalDataScanner.ScanText(text, 1, mask: false, 2027, hits);
        return hits;
    }

    [Theory]
    [InlineData("联系电话:18598936331 填报日期", "mobile", "185****6331")]
    [InlineData("电子邮箱:1952846433@qq.com)", "email", "1*********@qq.com")]
    [InlineData("邮箱 zhang.san@163.com", "email", "z********@163.com")]
    [InlineData("身份证号 " + ValidId, "resident-id", "110105********002X")]
    public void Finds_and_masks(string text, string kind, string masked)
    {
        var hit = Assert.Single(Scan(text));
        Assert.Equal((kind, masked), (hit.Kind, hit.Masked));
    }

    [Theory]
    [InlineData("电话:0730-4500137")]
    [InlineData("索引号:00638229X4/2019-1513549")]
    [InlineData("编号 185989363310 不是手机号")]
    [InlineData("流水号 1185989363312")]
    [InlineData("身份证 110105194912310021")] // wrong check character
    [InlineData("编号 110105194913310028")]   // month 13
    [InlineData("邮箱 office@huarong.gov.cn")]
    [InlineData("12345政务服务热线")]
    public void Ignores_what_is_not_personal_data(string text) => Assert.Empty(Scan(text));

    // Written forms people actually use. Each is masked in place so the published text keeps its form.
    [Theory]
    [InlineData("手机:139-1234-5678。", "mobile", "139-1234-5678", "139-****-5678")]
    [InlineData("手机 139 1234 5678 (张)", "mobile", "139 1234 5678", "139 **** 5678")]
    [InlineData("手机139.1234.5678.", "mobile", "139.1234.5678", "139.****.5678")]
    [InlineData("手机１３９１２３４５６７８。", "mobile", "１３９１２３４５６７８", "１３９****５６７８")]
    [InlineData("手机１３９－１２３４－５６７８", "mobile", "１３９－１２３４－５６７８", "１３９－****－５６７８")]
    [InlineData("手机 +86 139 1234 5678", "mobile", "139 1234 5678", "139 **** 5678")]
    [InlineData("手机 +86-13912345678", "mobile", "13912345678", "139****5678")]
    [InlineData("手机 +8613912345678", "mobile", "13912345678", "139****5678")]
    [InlineData("手机 0086 139-1234-5678", "mobile", "139-1234-5678", "139-****-5678")]
    [InlineData("电话 10 139-1234-5678", "mobile", "139-1234-5678", "139-****-5678")]
    [InlineData("身份证号１１０１０５１９４９１２３１００２Ｘ", "resident-id", "１１０１０５１９４９１２３１００２Ｘ", "１１０１０５********００２Ｘ")]
    [InlineData("身份证号 110105 19491231 002X。", "resident-id", "110105 19491231 002X", "110105 ******** 002X")]
    [InlineData("身份证号 110105-19491231-002x", "resident-id", "110105-19491231-002x", "110105-********-002x")]
    public void Finds_and_masks_numbers_written_with_separators_or_full_width_digits(string text, string kind, string value, string masked)
    {
        var hits = new List<PersonalDataHit>();
        var maskedText = PersonalDataScanner.ScanText(text, 1, mask: true, 2027, hits);
        var hit = Assert.Single(hits);
        Assert.Equal((kind, value, masked), (hit.Kind, hit.Value, hit.Masked));
        Assert.Equal(text.Replace(value, masked, StringComparison.Ordinal), maskedText);
    }

    [Theory]
    [InlineData("电话:0730-4500137,传真 0730 4500138")]
    [InlineData("订单号 139123456789012")]          // longer digit run
    [InlineData("订单号 １３９１２３４５６７８９")]   // 12 full-width digits
    [InlineData("编号 139-1234-56789")]            // 3-4-5 is no mobile grouping
    [InlineData("合计 10 139 1234 5678 件")]        // a row of counts, not one grouped number
    [InlineData("版本 1.39.1234.5678")]
    [InlineData("电话 028-1234-5678")]              // landline written 3-4-4
    [InlineData("身份证 110105 19491231 0021")]     // grouped, wrong check character
    [InlineData("身份证 １１０１０５１９４９１２３１００２１")] // full-width, wrong check character
    [InlineData("ABC139-1234-5678")]
    [InlineData("139-1234-5678kg")]
    public void Ignores_written_forms_that_are_not_personal_data(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void Masking_rewrites_the_text()
    {
        var hits = new List<PersonalDataHit>();
        var masked = PersonalDataScanner.ScanText("电话18598936331,邮箱1952846433@qq.com。", 3, mask: true, 2027, hits);
        Assert.Equal("电话185****6331,邮箱1*********@qq.com。", masked);
        Assert.All(hits, h => Assert.Equal(3, h.LineNumber));
    }
}
