using System.Text;
using Microsoft.Playwright;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class UsabilityTests(ConsoleBrowser console)
{
    [Fact]
    public async Task Reads_on_a_phone_width_without_scrolling_sideways()
    {
        var (tenant, key) = await console.CreateTenantAsync("phone");
        var (csv, _) = PurchaseFiles.Large(200);
        var page = await console.OpenAsync(width: 375, height: 740);
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        Assert.Empty(await WiderThanThePageAsync(page));

        await ConsolePage.ChooseFileAsync(page, "purchases-with-a-rather-long-file-name-from-the-shop-export.csv", Encoding.UTF8.GetBytes(csv));
        await ConsolePage.UploadAsync(page);
        await ConsolePage.WaitForEndAsync(page);
        await Expect(page.Locator("#failures tbody tr").First).ToBeVisibleAsync();

        Assert.Empty(await WiderThanThePageAsync(page));
        await ConsoleBrowser.ScreenshotAsync(page, "phone-result");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Loads_nothing_from_another_origin_and_says_so_in_its_policy()
    {
        var (tenant, key) = await console.CreateTenantAsync("origin");
        var page = await console.OpenAsync();
        await page.AddInitScriptAsync("window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        var response = await page.GotoAsync("/");
        Assert.Contains("default-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);

        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("#history-empty")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Interactions" }).ClickAsync();
        await page.GetByLabel("Rating", new() { Exact = true }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Columns of a rating file" })).ToBeVisibleAsync();

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.violations"));
        Assert.NotEmpty(requested);
        Assert.All(requested, url => Assert.StartsWith(console.Address.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_skip_link_moves_to_the_content_and_keeps_the_section()
    {
        var (tenant, key) = await console.CreateTenantAsync("skip");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
        Assert.EndsWith("#/history", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Names_every_form_control_for_screen_readers()
    {
        var (tenant, key) = await console.CreateTenantAsync("labels");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await ConsolePage.ChooseFileAsync(page, "p.csv", Encoding.UTF8.GetBytes("Kunde,item_id\nu1,i1\n"));
        await page.Locator("#mapping summary").ClickAsync();
        await page.Locator("#file-options summary").ClickAsync();

        // Every visible input and select has an accessible name (a label, a legend's group or aria-label).
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, button')]
              .filter(e => e.offsetParent !== null)
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.tagName === 'BUTTON' && e.textContent.trim()))
              .map(e => e.id || e.outerHTML)
            """);
        Assert.Empty(unnamed);
        await page.Context.CloseAsync();
    }

    // The elements that reach past the window's right edge (outside a scrolling table), named for the failure message;
    // none when the page needs no sideways scrolling.
    static Task<string[]> WiderThanThePageAsync(IPage page) =>
        page.EvaluateAsync<string[]>("""
            () => [...document.body.querySelectorAll('*')]
              .filter(e => e.offsetParent !== null && !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
              .concat(document.documentElement.scrollWidth > window.innerWidth ? [`document scrollWidth=${document.documentElement.scrollWidth}`] : [])
            """);
}
