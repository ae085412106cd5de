using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class SignInTests(ConsoleBrowser console)
{
    [Fact]
    public async Task Signs_in_with_the_store_key_and_shows_the_store_name()
    {
        var (tenant, key) = await console.CreateTenantAsync("sign-in");
        var page = await console.OpenAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");

        await ConsolePage.SignInAsync(page, key, tenant.Name);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Interactions" })).ToHaveAttributeAsync("aria-current", "page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keeps_the_key_for_the_tab_only_and_never_in_the_address()
    {
        var (tenant, key) = await console.CreateTenantAsync("key-kept");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();

        Assert.DoesNotContain(key, page.Url, StringComparison.Ordinal);
        Assert.Equal(key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('velora.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal(string.Empty, await page.EvaluateAsync<string>("() => document.cookie"));

        // A reload keeps the session; signing out forgets the key.
        await page.ReloadAsync();
        await Expect(page.Locator("#store-name")).ToHaveTextAsync(tenant.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('velora.apiKey')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Says_so_in_words_when_the_key_is_wrong()
    {
        var page = await console.OpenAsync();

        await page.GetByLabel("API key").FillAsync("vk_not-a-key-of-any-store");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That API key is not valid. Check it, or ask for a new one, and sign in again.");
        await Expect(page.Locator("#store")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_revoked_key_ends_the_session_with_a_reason()
    {
        var name = $"revoked-{Guid.NewGuid():N}";
        var (_, keyId, key) = await console.AdminTenants.CreateKeyAsync(name, CancellationToken.None);
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, name);

        Assert.True(await console.AdminTenants.RevokeAsync(name, keyId, CancellationToken.None));
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();

        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("That API key is not valid. Check it, or ask for a new one, and sign in again.");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('velora.apiKey')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_key_revoked_while_the_section_loads_ends_the_session_when_its_answer_comes()
    {
        var name = $"revoked-early-{Guid.NewGuid():N}";
        var (_, keyId, key) = await console.AdminTenants.CreateKeyAsync(name, CancellationToken.None);
        var page = await console.OpenAsync();
        var typesHeld = await ConsolePage.HoldInteractionTypesAsync(page);
        await ConsolePage.SubmitKeyAsync(page, key, name);

        Assert.True(await console.AdminTenants.RevokeAsync(name, keyId, CancellationToken.None));
        typesHeld.SetResult();

        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("That API key is not valid. Check it, or ask for a new one, and sign in again.");
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signs_in_with_the_keyboard_alone()
    {
        var (tenant, key) = await console.CreateTenantAsync("keyboard");
        var page = await console.OpenAsync();

        // The key field has the focus when the page opens; Enter submits.
        await page.Keyboard.TypeAsync(key);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#store-name")).ToHaveTextAsync(tenant.Name);
        await page.Context.CloseAsync();
    }
}
