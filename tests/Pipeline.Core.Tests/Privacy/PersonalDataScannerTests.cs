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

    [Fact]
    public void Masking_rewrites_the_text()
    {
        var hits = new List<PersonalDataHit>();
        var masked = PersonalDataScanner.ScanText("电话18598936331,邮箱1952846433@qq.com。", 3, mask: true, 2027, hits);
        Assert.Equal("电话185****6331,邮箱1*********@qq.com。", masked);
        Assert.All(hits, h => Assert.Equal(3, h.LineNumber));
    }
}
