using System.Text.Json.Nodes;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Api;

/// <summary>docs/openapi.json is the document the running gateway serves, not a copy that drifted.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class OpenApiDocumentTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task The_document_in_docs_matches_the_one_the_gateway_serves()
    {
        var served = JsonNode.Parse(await ingestion.Gateway.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!.AsObject();
        served.Remove("servers");
        var kept = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "openapi.json")))!;

        Assert.True(
            JsonNode.DeepEquals(served, kept),
            "docs/openapi.json is out of date: with the stack up, run  curl -s http://127.0.0.1:5080/openapi/v1.json | jq 'del(.servers)' > docs/openapi.json");
        Assert.NotNull(served["paths"]?["/v1/imports/{id}"]);
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Velora.Ingestion.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Velora.Ingestion.sln not found above the test's folder");
    }
}
