using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Velora.Ingestion.Gateway;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

/// <summary>
/// The product with its gateway on a real socket and Debian's Chromium driven by Playwright: the console as a store
/// meets it. The worker takes one chunk of an import at a time, so that a test sees progress move before it ends.
/// </summary>
public sealed class ConsoleBrowser : RunningIngestion
{
    WebApplicationFactory<GatewayOptions> _server = null!;
    IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        ["Worker:ChunksInFlightPerImport"] = "1",
    };

    /// <summary>Where the tests keep screenshots of the main screens (VELORA_CONSOLE_SCREENSHOTS), or null for none.</summary>
    public static string? ScreenshotFolder => System.Environment.GetEnvironmentVariable("VELORA_CONSOLE_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _server = KestrelGateway.Start(this, new Dictionary<string, string?>());
        Address = KestrelGateway.AddressOf(_server);
        var chromium = System.Environment.GetEnvironmentVariable("VELORA_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is not at {chromium}: ./test.sh installs Debian's package, or set VELORA_TEST_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own session storage) on the console, at the given size.</summary>
    public async Task<IPage> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}

/// <summary>The console's tests share one browser and one product.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleBrowserGroup : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "console in a browser";
}
