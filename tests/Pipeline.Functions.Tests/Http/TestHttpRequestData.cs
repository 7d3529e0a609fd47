using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Pipeline.Functions.Tests.Http;

/// <summary>A request as the worker hands it to an HTTP function: method, URL (with query), headers, body.</summary>
internal sealed class TestHttpRequestData : HttpRequestData
{
    public TestHttpRequestData(FunctionContext context, string method, string url, string? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
        : base(context)
    {
        Method = method;
        Url = new Uri(url);
        Body = new MemoryStream(body is null ? [] : Encoding.UTF8.GetBytes(body));
        Headers = [];
        foreach (var (name, value) in headers ?? []) Headers.Add(name, value);
    }

    public override Stream Body { get; }
    public override HttpHeadersCollection Headers { get; }
    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];
    public override Uri Url { get; }
    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];
    public override string Method { get; }

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}
