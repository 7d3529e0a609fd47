using System.Net;
using System.Text;
using Pipeline.Cli.Hosting;
using Pipeline.Stages;
using Pipeline.Stages.Portal;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Browser.Portal;

/// <summary>Who gets what from the portal: refusals in both languages, forged headers, cross-site requests, accessibility.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalAccessTests(PortalFixture portal, ITestOutputHelper output)
{
    [Fact]
    public async Task Someone_signed_in_without_an_agency_role_is_refused_in_Chinese_and_English()
    {
        await using var context = await portal.NewContextAsync();
        // A group claim and a role for an unregistered folder grant nothing.
        var page = await portal.SignInAsync(context, "外单位 张三", "agency.gaoping Agency.nosuch");
        var notice = page.Locator("#notice");
        await notice.WaitForAsync();
        var text = await notice.TextContentAsync();
        Assert.Contains("没有任何机构的上传权限", text);
        Assert.Contains("has no agency role", text);
        Assert.True(await page.Locator("#upload-section").IsHiddenAsync());
        Assert.Equal(403, await page.EvaluateAsync<int>("async () => (await fetch('/api/portal/me')).status"));
    }

    [Fact]
    public async Task A_forged_principal_header_is_dropped_and_state_changing_calls_need_the_portal_header_from_the_same_origin()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = portal.BaseUri };
        var forged = new ClientPrincipal("aad", "name", "roles", [new PrincipalClaim("roles", "Agency.gaoping")]).ToHeader();
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/portal/me");
        me.Headers.Add(ClientPrincipal.HeaderName, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(me)).StatusCode);

        // Signed in (the development session cookie), a POST still needs X-Portal-Request and a same-origin Origin.
        var session = $"{LocalPortalServer.SessionCookie}={forged}";
        HttpRequestMessage Upload(bool portalHeader, string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/portal/uploads")
            {
                Content = new StringContent("""{"fileName":"x.txt","size":10}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Cookie", session);
            if (portalHeader) request.Headers.Add(PortalApi.CsrfHeader, "1");
            if (origin is not null) request.Headers.Add("Origin", origin);
            return request;
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Upload(false, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Upload(true, "https://evil.example"))).StatusCode);
        var accepted = await http.SendAsync(Upload(true, portal.BaseUri.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        // The body never chooses the agency: the URL is for the caller's folder.
        var smuggled = new HttpRequestMessage(HttpMethod.Post, "/api/portal/uploads")
        {
            Content = new StringContent("""{"fileName":"../hebi/y.txt","size":10,"agency":"hebi"}""", Encoding.UTF8, "application/json"),
        };
        smuggled.Headers.Add("Cookie", session);
        smuggled.Headers.Add(PortalApi.CsrfHeader, "1");
        var body = await http.SendAsync(smuggled);
        var ticket = await body.Content.ReadAsStringAsync();
        Assert.Contains("/incoming/gaoping/y.txt?", ticket);
        Assert.DoesNotContain("hebi", ticket);
    }

    [Fact]
    public async Task A_file_the_pipeline_would_refuse_is_refused_in_the_browser_before_upload()
    {
        await using var context = await portal.NewContextAsync(375, 740);
        var page = await portal.SignInAsync(context, "高坪区政府办 李明", "Agency.gaoping");
        await page.SetInputFilesAsync("#files", new[] { new Microsoft.Playwright.FilePayload { Name = "旧格式.doc", MimeType = "application/msword", Buffer = [0xD0, 0xCF, 0x11, 0xE0] } });
        await page.ClickAsync("#upload-button");
        var item = page.Locator("li.upload[data-file=\"旧格式.doc\"] .state-rejected");
        await item.WaitForAsync();
        Assert.Contains("另存为 .docx 或 PDF", await item.TextContentAsync());
        Assert.DoesNotContain(await portal.Host.ListBlobsAsync(Pipeline.Storage.StorageNames.IncomingContainer), n => n.EndsWith(".doc", StringComparison.Ordinal));
        // 375 px: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal scrolls sideways at 375 px");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_portal_has_no_serious_or_critical_axe_violation(int width)
    {
        await using var context = await portal.NewContextAsync(width, 800, bypassCsp: true);
        var page = await portal.SignInAsync(context, "高坪区政府办 李明", "Agency.gaoping");
        await page.SetInputFilesAsync("#files", new[] { new Microsoft.Playwright.FilePayload { Name = "表格.xls", MimeType = "application/vnd.ms-excel", Buffer = [1, 2, 3] } });
        await page.ClickAsync("#upload-button");
        await page.Locator("li.upload .state-rejected").WaitForAsync();
        var (serious, passed) = await BrowserChecks.AxeAsync(page, output.WriteLine);
        Assert.True(passed > 10, $"axe ran only {passed} rules");
        Assert.Empty(serious);

        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(LocalPortalServer.SignInPath);
        (serious, _) = await BrowserChecks.AxeAsync(signIn, output.WriteLine);
        Assert.Empty(serious);
    }

    [Fact]
    public async Task Keyboard_users_reach_the_skip_link_first_and_see_focus()
    {
        await using var context = await portal.NewContextAsync(375, 740);
        var page = await portal.SignInAsync(context, "高坪区政府办 李明", "Agency.gaoping");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.Locator(":focus").GetAttributeAsync("class"));
        Assert.NotEqual("none", await page.Locator(":focus").EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("document.activeElement.id === 'files'"); i++) await page.Keyboard.PressAsync("Tab");
        Assert.Equal("files", await page.EvaluateAsync<string>("document.activeElement.id"));
    }
}
