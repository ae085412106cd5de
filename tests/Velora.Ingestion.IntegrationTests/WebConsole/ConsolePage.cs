using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

/// <summary>What a person does on the console, as steps the tests share: sign in, choose a type, upload a file.</summary>
public static class ConsolePage
{
    /// <summary>Signs in and waits until the Interactions section has listed the types, as a person sees it ready.</summary>
    /// <remarks>
    /// The heading shows before the types' request has been answered. A test that went on at the heading raced that
    /// request: one that revoked the key then had the late request end the session before its own click (the link it
    /// clicked was hidden by then).
    /// </remarks>
    public static async Task SignInAsync(IPage page, string apiKey, string storeName)
    {
        await SubmitKeyAsync(page, apiKey, storeName);
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Interaction type" }).GetByRole(AriaRole.Radio).First).ToBeCheckedAsync();
    }

    /// <summary>Signs in and returns as soon as the Interactions section shows, its types possibly still loading.</summary>
    public static async Task SubmitKeyAsync(IPage page, string apiKey, string storeName)
    {
        await page.GetByLabel("API key").FillAsync(apiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#store-name")).ToHaveTextAsync(storeName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Interactions", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Holds the answer to the interaction types' request until the returned source is set: a slow gateway, made to order.</summary>
    public static async Task<TaskCompletionSource> HoldInteractionTypesAsync(IPage page)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/v1/interaction-types", async route =>
        {
            await held.Task;
            await route.ContinueAsync();
        });
        return held;
    }

    public static async Task ChooseFileAsync(IPage page, string fileName, byte[] content, string mimeType = "text/csv") =>
        await page.GetByLabel("File (CSV, TSV or gzip)").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });

    /// <summary>Uploads the chosen file and waits for the import's page; returns the import id from its address.</summary>
    /// <remarks>
    /// The page opens once the gateway answered 202, after streaming the file and publishing its request. On the 2-core CI
    /// machine, with the suite's other tests running, that once took longer than Playwright's default 15 s; it gets the
    /// minute <see cref="WaitForEndAsync"/> gives an import, since speed is the benchmark's business, not this test's.
    /// An upload the console refused fails at once with the console's own words, and one that never opened the page says
    /// how far the upload had got, so that a failure tells the gateway's refusal from its silence.
    /// </remarks>
    public static async Task<Guid> UploadAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var opened = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("#/imports/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        var refused = page.Locator("#upload-error").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        if (await Task.WhenAny(opened, refused) == refused && refused.IsCompletedSuccessfully)
        {
            Assert.Fail($"The console refused the upload: {await page.Locator("#upload-error").TextContentAsync()}");
        }

        try
        {
            await opened;
        }
        catch (TimeoutException timeout)
        {
            var sent = await page.Locator("#upload-text").TextContentAsync(new() { Timeout = 1_000 });
            throw new TimeoutException($"The import's page did not open within a minute of the upload (the console said \"{sent}\", at {page.Url}).", timeout);
        }

        return Guid.Parse(page.Url[^36..]);
    }

    /// <summary>The value the result shows for one summary field (processed, succeeded, skipped, failed, success_rate, completion_rate).</summary>
    public static ILocator Summary(IPage page, string field) => page.Locator($"#summary dd[data-field='{field}']");

    public static async Task WaitForEndAsync(IPage page) =>
        await Expect(page.Locator("#summary-card")).ToBeVisibleAsync(new() { Timeout = 60_000 });
}
