using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class FileChoiceTests(ConsoleBrowser console)
{
    // Holds every file read the page starts until the test calls window.releaseFileReads(): a slow disk, made to order.
    private const string SlowFileReads = """
        () => {
          let release;
          const gate = new Promise(resolve => { release = resolve; });
          window.releaseFileReads = release;
          const original = Blob.prototype.stream;
          Blob.prototype.stream = function () {
            const reader = original.call(this).getReader();
            return new ReadableStream({
              async pull(controller) {
                await gate;
                const { done, value } = await reader.read();
                if (done) controller.close(); else controller.enqueue(value);
              },
              cancel(reason) { return reader.cancel(reason); },
            });
          };
        }
        """;

    /// <summary>
    /// Right after sign-in the page still loads the interaction types. A file chosen then, whose header is still being read
    /// when they arrive, once lost its header: the types' preview counted as a newer file choice and the mapping never showed.
    /// </summary>
    [Fact]
    public async Task Maps_a_file_chosen_while_the_interaction_types_are_still_loading()
    {
        var (tenant, key) = await console.CreateTenantAsync("early-file");
        var page = await console.OpenAsync();
        var typesHeld = await ConsolePage.HoldInteractionTypesAsync(page);
        await page.EvaluateAsync(SlowFileReads);
        await ConsolePage.SubmitKeyAsync(page, key, tenant.Name);

        var file = "Kunde;Artikel;Zeitpunkt\nu1;i1;2025-03-01T10:00:00Z\n";
        await ConsolePage.ChooseFileAsync(page, "kunden.csv", Encoding.UTF8.GetBytes(file));
        typesHeld.SetResult();
        await Expect(page.GetByLabel("Purchase", new() { Exact = true })).ToBeCheckedAsync();
        await page.EvaluateAsync("() => window.releaseFileReads()");

        await Expect(page.Locator("#mapping-warning")).ToContainTextAsync("Missing required column: user_id");
        await page.GetByLabel("Kunde").SelectOptionAsync("user_id");
        await page.GetByLabel("Artikel").SelectOptionAsync("item_id");
        await page.GetByLabel("Zeitpunkt").SelectOptionAsync("timestamp");
        await Expect(page.Locator("#mapping-warning")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
