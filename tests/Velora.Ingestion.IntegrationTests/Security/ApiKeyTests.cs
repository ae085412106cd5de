using System.Net;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Security;

[Collection(RunningIngestionGroup.Name)]
public sealed class ApiKeyTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task A_revoked_key_answers_401_at_once_while_the_tenants_other_keys_keep_working()
    {
        var tenants = ingestion.AdminTenants;
        var name = $"keys-{Guid.NewGuid():N}";
        var (_, firstId, first) = await tenants.CreateKeyAsync(name, CancellationToken.None);
        var (_, _, second) = await tenants.CreateKeyAsync(name, CancellationToken.None);
        var probe = $"/v1/imports/{Guid.NewGuid()}";
        using (var before = await ingestion.GetAsync(first, probe))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        Assert.True(await tenants.RevokeAsync(name, firstId, CancellationToken.None));

        using var revoked = await ingestion.GetAsync(first, probe);
        using var other = await ingestion.GetAsync(second, probe);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var keys = await tenants.KeysAsync(name, CancellationToken.None);
        Assert.Equal(2, keys.Count);
        Assert.NotNull(Assert.Single(keys, k => k.Id == firstId).RevokedAt);
    }
}
