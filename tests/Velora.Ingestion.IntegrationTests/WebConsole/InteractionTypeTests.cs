using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class InteractionTypeTests(ConsoleBrowser console)
{
    [Fact]
    public async Task Lists_every_type_with_its_required_optional_and_declared_columns()
    {
        var (tenant, key) = await console.CreateTenantAsync("types");
        using (var declared = await console.PutJsonAsync(key, "/v1/interaction-types/rating/properties", new { properties = new[] { new { name = "review_length", kind = "number", required = false } } }))
        {
            declared.EnsureSuccessStatusCode();
        }

        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);

        var types = page.GetByRole(AriaRole.Group, new() { Name = "Interaction type" }).GetByRole(AriaRole.Radio);
        await Expect(types).ToHaveCountAsync(5);
        await Expect(page.GetByLabel("Purchase", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Rating", new() { Exact = true })).ToHaveAccessibleDescriptionAsync("A customer rated an item from 1 to 5.");
        await page.GetByLabel("Rating", new() { Exact = true }).CheckAsync();

        var columns = page.GetByRole(AriaRole.Table, new() { Name = "Columns of a rating file" });
        await Expect(Row(columns, "user_id")).ToContainTextAsync("Required");
        await Expect(Row(columns, "rating")).ToContainTextAsync("Required");
        await Expect(Row(columns, "rating")).ToContainTextAsync("1 to 5");
        await Expect(Row(columns, "timestamp")).ToContainTextAsync("Optional");
        await Expect(Row(columns, "review_length")).ToContainTextAsync("Declared property");
        await ConsoleBrowser.ScreenshotAsync(page, "types");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Downloads_the_sample_file_of_the_chosen_type()
    {
        var (tenant, key) = await console.CreateTenantAsync("sample");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByLabel("Custom", new() { Exact = true }).CheckAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download a sample custom file" }).ClickAsync());

        Assert.Equal("velora-custom-sample.csv", download.SuggestedFilename);
        using var api = await console.GetAsync(key, "/v1/interaction-types/custom/sample");
        Assert.Equal(await api.Content.ReadAsStringAsync(), await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.StartsWith("user_id,item_id,event_type,timestamp,event_value", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    static ILocator Row(ILocator table, string column) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = column, Exact = true }) });
}
