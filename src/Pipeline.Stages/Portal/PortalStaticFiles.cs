using System.Collections.Frozen;

namespace Pipeline.Stages.Portal;

/// <summary>A file of the portal's page (HTML, CSS, JS), embedded in this assembly so both hosts serve the same bytes.</summary>
public sealed record PortalStaticFile(string ContentType, byte[] Content);

/// <summary>The portal's static files (Portal/wwwroot, embedded as "portal/&lt;name&gt;"), by request path.</summary>
public static class PortalStaticFiles
{
    private static readonly FrozenDictionary<string, PortalStaticFile> Files = Load();

    /// <summary>"/" is the page; "/portal.css", "/portal.js" its assets.</summary>
    public static PortalStaticFile? Find(string path) => Files.GetValueOrDefault(path == "/" ? "/index.html" : path);

    private static FrozenDictionary<string, PortalStaticFile> Load()
    {
        var assembly = typeof(PortalStaticFiles).Assembly;
        var files = new Dictionary<string, PortalStaticFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("portal/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files["/" + name["portal/".Length..]] = new PortalStaticFile(type, buffer.ToArray());
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
