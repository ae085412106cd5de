using Microsoft.Extensions.FileProviders;

namespace Velora.Ingestion.Gateway.WebConsole;

/// <summary>
/// Serves the store's web console at <c>/</c>. Its files are embedded in the gateway's assembly, so every way the gateway
/// runs (run.sh, a container, a test host) serves the same console with no build step of its own and no web root.
/// </summary>
public static class ConsoleHosting
{
    // The console loads nothing from anywhere else (the machines it runs on may have no internet, and a store's key
    // must never reach another origin), so the policy allows this origin only.
    const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseIngestionConsole(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(ConsoleHosting).Assembly, "Velora.Ingestion.Gateway.WebConsole");
        app.UseWhen(
            http => !http.Request.Path.StartsWithSegments("/v1"),
            console =>
            {
                console.Use(async (http, next) =>
                {
                    http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers["Referrer-Policy"] = "no-referrer";
                    await next(http);
                });
                console.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
                console.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    // A new gateway may bring a new console: browsers revalidate rather than run yesterday's script.
                    OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
                });
            });
        return app;
    }
}
