namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition that the product reaches asynchronously, failing the test after a deadline.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {timeout}");
            await Task.Delay(20);
        }
    }
}
