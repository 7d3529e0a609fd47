using System.Net;
using System.Text;

namespace Pipeline.Core.Tests.Formats;

/// <summary>
/// The <see cref="FormatReport"/> served the way county disclosure portals serve a report, written for these tests from
/// the structure of real pages (not their text): a GB2312-declared page with the CMS's ArticleTitle/PubDate meta tags
/// (TRS WCM and the col/art CMS behind e.g. http://www.nbjb.gov.cn/col/col1229214366/index.html), a top navigation bar
/// and breadcrumb, a left column of 信息公开目录 links, the 政府信息公开 metadata table above the article (索引号/发布机构/
/// 生成日期/公开范围 in label and value cells), the body in div#zoom > div.TRS_Editor, a share bar, 相关链接, a footer with
/// the 网站标识码 and ICP number, analytics scripts and IE conditional comments.
/// </summary>
public static class GovernmentPage
{
    public static byte[] Gb2312()
    {
        var html = Page();
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding("GB18030").GetBytes(html);
    }

    public static string Page()
    {
        var meta = FormatReport.Metadata.ToDictionary(m => m.Label, m => m.Value);
        var sb = new StringBuilder();
        sb.Append("""
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><head>
            <meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
            """);
        sb.Append("<title>").Append(FormatReport.Title).Append("_华容县人民政府</title>");
        sb.Append("<meta name=\"SiteName\" content=\"华容县人民政府\"><meta name=\"ArticleTitle\" content=\"").Append(FormatReport.Title).Append("\">");
        sb.Append("<meta name=\"PubDate\" content=\"2024-01-20 09:30\"><meta name=\"ContentSource\" content=\"北景港镇\">");
        sb.Append("""
            <link rel="stylesheet" href="/images/xxgk.css"><style>.nav li{float:left}#zoom{font-size:16px}</style>
            <!--[if lt IE 9]><script src="/js/html5shiv.js"></script><p>请升级您的浏览器</p><![endif]-->
            <script>var _hmt = _hmt || []; document.write('<div>统计代码</div>');</script>
            </head><body>
            <div class="top"><a href="/">网站首页</a> <a href="/wza">无障碍</a> <a href="/old">长者模式</a></div>
            <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
            <div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; <a href="/xxgk/ndbg">年度报告</a></div>
            <table width="1000" class="layout"><tr>
            <td class="left" width="240"><div class="xxgk_menu"><h3>信息公开目录</h3><ul>
            <li><a href="/xxgk/zn">信息公开指南</a></li><li><a href="/xxgk/zd">信息公开制度</a></li><li><a href="/xxgk/ndbg">信息公开年报</a></li><li><a href="/xxgk/ysq">依申请公开</a></li></ul></div></td>
            <td class="right" valign="top">
            <table class="xxgk_table" cellpadding="0" cellspacing="0">
            """);
        sb.Append($"<tr><td class=\"t\">索&nbsp;引&nbsp;号:</td><td>{WebUtility.HtmlEncode(meta["索引号"])}</td><td class=\"t\">发布机构:</td><td>{meta["发布机构"]}</td></tr>");
        sb.Append($"<tr><td class=\"t\">生成日期:</td><td>{meta["生成日期"]}</td><td class=\"t\">公开范围:</td><td>{meta["公开范围"]}</td></tr>");
        sb.Append($"<tr><td class=\"t\">名&nbsp;&nbsp;&nbsp;&nbsp;称:</td><td colspan=\"3\">{FormatReport.Title}</td></tr></table>");
        sb.Append("<div class=\"article\"><h1 class=\"title\">").Append(FormatReport.Title).Append("</h1>");
        sb.Append("<div class=\"info\">发布时间:2024-01-20 来源:北景港镇 【字体:<a href=\"javascript:doZoom(18)\">大</a> <a href=\"javascript:doZoom(14)\">小</a>】</div>");
        sb.Append("<div id=\"zoom\"><div class=\"TRS_Editor\"><!-- 正文开始 -->");
        foreach (var block in FormatReport.Body)
        {
            if (block is null) sb.Append("<table border=\"1\" cellspacing=\"0\" style=\"border-collapse:collapse\">").Append(FormatReport.HtmlTable()[7..]);
            else sb.Append("<p style=\"text-indent:2em\">&nbsp;&nbsp;").Append(WebUtility.HtmlEncode(block)).Append("</p>\n");
        }
        foreach (var line in FormatReport.Signature) sb.Append("<p style=\"text-align:right\">").Append(line).Append("</p>");
        sb.Append("""
            <!-- 正文结束 --></div></div>
            <div class="bdshare"><span>分享到:</span><a href="#" class="bds_weixin">微信</a><a href="#" class="bds_tsina">微博</a></div>
            <div class="xglj"><h4>相关链接</h4><ul><li><a href="/a/1.html">华容县2022年政府信息公开工作年度报告</a></li><li><a href="/a/2.html">北景港镇2022年政府信息公开工作年度报告</a></li><li><a href="/a/3.html">关于做好年度报告发布工作的通知</a></li></ul></div>
            <div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
            </div></td></tr></table>
            <div class="footer"><p>主办:华容县人民政府办公室 网站标识码:4306230001 湘ICP备00000000号</p><p>地址:华容县章华镇 联系电话:0730-0000000</p></div>
            <script type="text/javascript">document.getElementById('zoom').style.fontSize='16px';</script>
            </body></html>
            """);
        return sb.ToString();
    }
}
