using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class HistoryTests(ConsoleBrowser console)
{
    [Fact]
    public async Task Lists_the_store_imports_newest_first_and_opens_one()
    {
        var (tenant, key) = await console.CreateTenantAsync("history");
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var id = await console.ImportAsync(key, Encoding.UTF8.GetBytes($"user_id,item_id\nu{i},i{i}\nu{i},\n"), "type=view");
            ids.Add(id);
            await console.Completed.WaitForAsync(id, TimeSpan.FromSeconds(30));
        }

        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();

        // Ten to a page, newest first: the twelfth import heads the first page, the second ends up on the next.
        var rows = page.Locator("#history tbody tr");
        await Expect(rows).ToHaveCountAsync(10);
        await Expect(rows.First.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#/imports/{ids[11]}");
        await Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("View");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("Succeeded");
        await Expect(rows.First.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await Expect(rows.First.Locator("td").Nth(6)).ToHaveTextAsync("1");
        await ConsoleBrowser.ScreenshotAsync(page, "history");
        await page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Last.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#/imports/{ids[0]}");

        await rows.Last.GetByRole(AriaRole.Link).ClickAsync();
        await ConsolePage.WaitForEndAsync(page);
        Assert.EndsWith($"#/imports/{ids[0]}", page.Url, StringComparison.Ordinal);
        await Expect(ConsolePage.Summary(page, "succeeded")).ToHaveTextAsync("1");
        await Expect(ConsolePage.Summary(page, "failed")).ToHaveTextAsync("1");
        await Expect(page.Locator("#skip-reasons")).ToBeHiddenAsync();
        await Expect(page.Locator("#failures tbody tr").First.Locator("td").Nth(3)).ToContainTextAsync("item_id");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shows_a_file_name_as_text_never_as_markup()
    {
        var (tenant, key) = await console.CreateTenantAsync("markup");
        const string name = "<img src=x onerror=window.ran=1>.csv";
        using (var response = await Infrastructure.RunningIngestion.UploadAsync(console.Gateway, key, Encoding.UTF8.GetBytes("user_id,item_id\nu1,i1\n"), name, "type=view"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();

        await Expect(page.Locator("#history tbody tr").First.GetByRole(AriaRole.Link)).ToHaveTextAsync(name);
        await page.Locator("#history tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#import-file")).ToContainTextAsync(name);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => 'ran' in window"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ends_the_history_on_the_last_full_page()
    {
        var (tenant, key) = await console.CreateTenantAsync("ten");
        for (var i = 0; i < 10; i++)
        {
            await console.Completed.WaitForAsync(await console.ImportAsync(key, Encoding.UTF8.GetBytes($"user_id,item_id\nu{i},i{i}\n"), "type=view"), TimeSpan.FromSeconds(30));
        }

        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(10);

        // Ten imports fill the first page exactly: the API cannot know there is no eleventh until it is asked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older" })).ToBeDisabledAsync();
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(10);
        await Expect(page.Locator("#history-page")).ToHaveTextAsync("Page 1");
        await Expect(page.Locator("#history-page")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shows_a_reverted_import_with_the_rows_removed()
    {
        var (tenant, key) = await console.CreateTenantAsync("reverted");
        var importId = await console.ImportAsync(key, "user_id,item_id,timestamp\nu1,i1,2025-01-01T00:00:00Z\nu2,i2,2025-01-01T00:00:00Z\n");
        await console.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));
        using (var revert = await Imports.RevertTests.RevertAsync(console.Gateway, key, importId))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, revert.StatusCode);
        }

        await Infrastructure.Eventually.WaitUntilAsync(
            async () => (await console.StatusAsync(key, importId)).GetProperty("status").GetString() == "reverted", TimeSpan.FromSeconds(30));
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("#history tbody tr").First.Locator("td").Nth(2)).ToHaveTextAsync("Reverted");

        await page.Locator("#history tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();

        await ConsolePage.WaitForEndAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchase import · Reverted" })).ToBeVisibleAsync();
        await Expect(page.Locator("#skip-reasons")).ToHaveTextAsync("Reverted: 2 rows removed.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shows_a_refused_upload_in_red_with_its_reason_and_says_to_send_it_again()
    {
        var (tenant, key) = await console.CreateTenantAsync("refused");
        var importId = await Infrastructure.UnsentImports.RecordWithFileAsync(console, tenant.Id, "user_id,item_id,timestamp\nu1,i1,2025-01-01T00:00:00Z\n");
        const string reason = "Refused: the message broker was unavailable; retry the upload";
        Assert.True(await new Velora.Ingestion.Jobs.TenantImports(console.AdminDataSource, TimeProvider.System).RefuseQueuedAsync(tenant.Id, importId, reason, CancellationToken.None));

        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var status = page.Locator("#history tbody tr").First.Locator("td").Nth(2).Locator(".status");
        await Expect(status).ToHaveTextAsync("Refused");
        await Expect(status).ToHaveCSSAsync("color", "rgb(164, 38, 44)");

        await page.Locator("#history tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purchase import · Refused" })).ToBeVisibleAsync();
        await Expect(page.Locator("#file-failure-reason")).ToHaveTextAsync(reason);
        await Expect(page.Locator("#file-failure-fix")).ToHaveTextAsync("Upload the file again; nothing of it was imported.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_store_sees_none_of_it()
    {
        var (owner, ownerKey) = await console.CreateTenantAsync("owner");
        var importId = await console.ImportAsync(ownerKey, "user_id,item_id,timestamp\nu1,i1,2025-01-01T00:00:00Z\n");
        await console.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(30));
        var (other, otherKey) = await console.CreateTenantAsync("other");
        var page = await console.OpenAsync();

        // The owner looks first, then signs out in the same tab: nothing of theirs stays for the next store.
        await ConsolePage.SignInAsync(page, ownerKey, owner.Name);
        await page.GotoAsync($"/#/imports/{importId}");
        await ConsolePage.WaitForEndAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await ConsolePage.SignInAsync(page, otherKey, other.Name);

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.Locator("#history-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(0);

        await page.GotoAsync($"/#/imports/{importId}");
        await Expect(page.Locator("#import-error")).ToHaveTextAsync("This import does not exist, or it belongs to another store.");
        await Expect(page.Locator("#summary-card")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
