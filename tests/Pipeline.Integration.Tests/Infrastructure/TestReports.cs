using System.Text;

namespace Pipeline.Integration.Tests.Infrastructure;

/// <summary>Synthetic report files in the shape agencies upload (header block, title, numbered sections, signature).</summary>
public static class TestReports
{
    public static byte[] Make(string title, string body, string? indexCode = null, string? publicScope = null, string? releaseDate = null, string signer = "平凉市人民政府", string? publisher = null)
    {
        var text = new StringBuilder();
        if (indexCode is not null) text.Append("- 索引号:").Append(indexCode).Append('\n');
        if (publisher is not null) text.Append("- 发布机构:").Append(publisher).Append('\n');
        if (publicScope is not null) text.Append("- 公开范围:").Append(publicScope).Append('\n');
        if (releaseDate is not null) text.Append("- 公开日期:").Append(releaseDate).Append('\n');
        text.Append(title).Append('\n');
        text.Append("一、总体情况\n").Append(body).Append('\n');
        text.Append("二、主动公开政府信息情况\n本年度主动公开政府信息共计若干条,均通过政府网站发布。\n");
        text.Append("三、存在的主要问题及改进情况\n信息公开的及时性仍需加强,下一步将完善工作机制。\n");
        text.Append(signer).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
