using YamlDotNet.RepresentationModel;

namespace Velora.Ingestion.Deploy;

/// <summary>
/// The Kubernetes manifests in <c>deploy/kubernetes</c>: well-formed objects, probed and sized Deployments, no secret
/// values in the repository, KEDA on the worker's queue, and a kustomization that lists every file.
/// </summary>
public sealed class KubernetesManifestTests
{
    const string KustomizationFile = "kustomization.yaml";
    const string ExampleSuffix = ".example.yaml";
    const string Placeholder = "change-me";

    static readonly string[] RequiredFields = ["apiVersion", "kind"];
    static readonly string[] VeloraLabels = ["app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of"];
    static readonly string[] SecretNameSuffixes = ["ConnectionString", "Password", "SecretKey"];
    static readonly string[] ResourceBounds = ["requests", "limits"];
    static readonly string[] ResourceKinds = ["cpu", "memory"];

    [Fact]
    public void Every_document_has_an_api_version_a_kind_and_a_name()
    {
        var documents = Documents();
        var problems = new List<string>();
        foreach (var (file, root) in documents)
        {
            foreach (var field in RequiredFields)
            {
                if (string.IsNullOrWhiteSpace(Text(root, field)))
                {
                    problems.Add($"{file}: a document has no {field}");
                }
            }

            if (string.IsNullOrWhiteSpace(Text(root, "metadata", "name")))
            {
                problems.Add($"{file}: a {Text(root, "kind")} has no metadata.name");
            }
        }

        Assert.NotEmpty(documents);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_deployment_selects_its_own_pods_and_carries_the_velora_labels()
    {
        var deployments = OfKind("Deployment");
        var problems = new List<string>();
        foreach (var deployment in deployments)
        {
            var name = Text(deployment, "metadata", "name");
            var labels = At(deployment, "spec", "template", "metadata", "labels");
            if (At(deployment, "spec", "selector", "matchLabels") is not YamlMappingNode { Children.Count: > 0 } selector)
            {
                problems.Add($"{name}: spec.selector.matchLabels is empty");
                continue;
            }

            foreach (var (key, value) in selector)
            {
                if (Text(labels, KeyOf(key)) != Text(value))
                {
                    problems.Add($"{name}: selector label {KeyOf(key)}={Text(value)} is not on the pod template");
                }
            }

            foreach (var label in VeloraLabels)
            {
                if (string.IsNullOrWhiteSpace(Text(labels, label)))
                {
                    problems.Add($"{name}: the pod template has no {label} label");
                }
            }
        }

        Assert.NotEmpty(deployments);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_container_has_an_image_and_cpu_and_memory_requests_and_limits()
    {
        var problems = new List<string>();
        var containers = Containers();
        Assert.NotEmpty(containers);
        foreach (var (where, container) in containers)
        {
            if (string.IsNullOrWhiteSpace(Text(container, "image")))
            {
                problems.Add($"{where}: no image");
            }

            foreach (var bound in ResourceBounds)
            {
                foreach (var resource in ResourceKinds)
                {
                    if (string.IsNullOrWhiteSpace(Text(container, "resources", bound, resource)))
                    {
                        problems.Add($"{where}: no resources.{bound}.{resource}");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_deployment_has_liveness_and_readiness_probes_on_the_health_endpoints()
    {
        var problems = new List<string>();
        var containers = Containers();
        Assert.NotEmpty(containers);
        foreach (var (where, container) in containers)
        {
            if (Text(container, "livenessProbe", "httpGet", "path") != "/health/live")
            {
                problems.Add($"{where}: livenessProbe.httpGet.path is not /health/live");
            }

            if (Text(container, "readinessProbe", "httpGet", "path") != "/health/ready")
            {
                problems.Add($"{where}: readinessProbe.httpGet.path is not /health/ready");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_deployment_runs_as_non_root_with_a_read_only_root_and_no_capabilities()
    {
        var problems = new List<string>();
        var checkedContainers = 0;
        foreach (var deployment in OfKind("Deployment"))
        {
            var pod = At(deployment, "spec", "template", "spec");
            foreach (var container in Items(At(pod, "containers")))
            {
                checkedContainers++;
                var where = $"{Text(deployment, "metadata", "name")}/{Text(container, "name")}";
                if ((Text(container, "securityContext", "runAsNonRoot") ?? Text(pod, "securityContext", "runAsNonRoot")) != "true")
                {
                    problems.Add($"{where}: runAsNonRoot is not true");
                }

                if (Text(container, "securityContext", "readOnlyRootFilesystem") != "true")
                {
                    problems.Add($"{where}: readOnlyRootFilesystem is not true");
                }

                if (!Items(At(container, "securityContext", "capabilities", "drop")).Any(c => Text(c) == "ALL"))
                {
                    problems.Add($"{where}: capabilities.drop does not hold ALL");
                }
            }
        }

        Assert.NotEqual(0, checkedContainers);
        Assert.Empty(problems);
    }

    [Fact]
    public void The_only_secret_is_the_example_and_it_holds_placeholders_only()
    {
        var secrets = Documents().Where(d => Text(d.Root, "kind") == "Secret").ToList();
        var problems = new List<string>();
        foreach (var (file, secret) in secrets)
        {
            var name = Text(secret, "metadata", "name");
            if (!file.EndsWith(ExampleSuffix, StringComparison.Ordinal))
            {
                problems.Add($"{file}: Secret {name} outside a *{ExampleSuffix} file");
            }

            if (At(secret, "data") is not null)
            {
                problems.Add($"{file}: Secret {name} has data; use stringData so that the placeholders stay readable");
            }

            if (At(secret, "stringData") is not YamlMappingNode { Children.Count: > 0 } values)
            {
                problems.Add($"{file}: Secret {name} has no stringData");
                continue;
            }

            foreach (var (key, value) in values)
            {
                if (Text(value)?.Contains(Placeholder, StringComparison.Ordinal) != true)
                {
                    problems.Add($"{file}: {KeyOf(key)} is not a placeholder ({Placeholder})");
                }
            }
        }

        Assert.NotEmpty(secrets);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_connection_string_password_and_secret_key_comes_from_a_secret_reference()
    {
        var problems = new List<string>();
        var checkedNames = 0;
        foreach (var (where, container) in Containers())
        {
            foreach (var variable in Items(At(container, "env")))
            {
                var name = Text(variable, "name") ?? string.Empty;
                if (!IsSecretName(name))
                {
                    continue;
                }

                checkedNames++;
                var reference = At(variable, "valueFrom", "secretKeyRef");
                if (At(variable, "value") is not null || string.IsNullOrWhiteSpace(Text(reference, "name")) || string.IsNullOrWhiteSpace(Text(reference, "key")))
                {
                    problems.Add($"{where}: {name} must come from a secretKeyRef, never a literal value");
                }
            }
        }

        foreach (var configMap in OfKind("ConfigMap"))
        {
            if (At(configMap, "data") is YamlMappingNode data)
            {
                problems.AddRange(data.Select(d => KeyOf(d.Key)).Where(IsSecretName).Select(key => $"ConfigMap {Text(configMap, "metadata", "name")}: {key} belongs in a Secret"));
            }
        }

        Assert.NotEqual(0, checkedNames);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_secret_key_reference_names_a_key_of_the_example_secret()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in OfKind("Secret"))
        {
            if (At(secret, "stringData") is YamlMappingNode values)
            {
                keys.UnionWith(values.Select(v => $"{Text(secret, "metadata", "name")}/{KeyOf(v.Key)}"));
            }
        }

        var problems = new List<string>();
        var references = 0;
        foreach (var (where, container) in Containers())
        {
            foreach (var variable in Items(At(container, "env")))
            {
                var reference = At(variable, "valueFrom", "secretKeyRef");
                references += reference is null ? 0 : 1;
                if (reference is not null && !keys.Contains($"{Text(reference, "name")}/{Text(reference, "key")}"))
                {
                    problems.Add($"{where}: {Text(variable, "name")} refers to {Text(reference, "name")}/{Text(reference, "key")}, which the example Secret does not have");
                }
            }
        }

        Assert.NotEmpty(keys);
        Assert.NotEqual(0, references);
        Assert.Empty(problems);
    }

    [Fact]
    public void The_scaled_object_scales_the_worker_on_the_import_chunk_queue()
    {
        var worker = Assert.Single(OfKind("Deployment"), d => Text(d, "spec", "template", "metadata", "labels", "app.kubernetes.io/component") == "worker");
        var scaledObject = Assert.Single(OfKind("ScaledObject"));

        Assert.Equal(Text(worker, "metadata", "name"), Text(scaledObject, "spec", "scaleTargetRef", "name"));
        var trigger = Assert.Single(Items(At(scaledObject, "spec", "triggers")), t => Text(t, "type") == "rabbitmq");
        Assert.Equal("import-chunk", Text(trigger, "metadata", "queueName"));
        Assert.Equal("QueueLength", Text(trigger, "metadata", "mode"));
        var authentication = Text(trigger, "authenticationRef", "name");
        Assert.NotNull(authentication);
        Assert.Contains(OfKind("TriggerAuthentication"), t => Text(t, "metadata", "name") == authentication);
    }

    [Fact]
    public void The_scaled_object_also_scales_the_worker_on_the_chunks_left_in_postgresql()
    {
        var scaledObject = Assert.Single(OfKind("ScaledObject"));

        var trigger = Assert.Single(Items(At(scaledObject, "spec", "triggers")), t => Text(t, "type") == "postgresql");
        Assert.Contains("chunk_count - chunks_done", Text(trigger, "metadata", "query"), StringComparison.Ordinal);
        Assert.NotNull(Text(trigger, "metadata", "targetQueryValue"));
        var authentication = Text(trigger, "authenticationRef", "name");
        Assert.Contains(OfKind("TriggerAuthentication"), t => Text(t, "metadata", "name") == authentication);
    }

    [Fact]
    public void The_kustomization_lists_every_other_manifest_and_only_files_that_exist()
    {
        var folder = ManifestFolder();
        var kustomization = Assert.Single(Documents(), d => d.File == KustomizationFile).Root;
        var listed = Items(At(kustomization, "resources")).Select(r => Text(r) ?? string.Empty).ToList();
        var files = Directory.GetFiles(folder, "*.yaml").Select(path => Path.GetFileName(path)).Where(file => file != KustomizationFile);

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(listed, file => Assert.True(File.Exists(Path.Combine(folder, file)), $"{KustomizationFile} lists {file}, which does not exist"));
        Assert.Empty(Directory.GetFiles(folder, "*.yml"));
    }

    static bool IsSecretName(string name) => SecretNameSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>Every container of every Deployment, with "deployment/container" to name it in messages.</summary>
    static List<(string Where, YamlNode Container)> Containers() =>
    [
        .. OfKind("Deployment").SelectMany(deployment => Items(At(deployment, "spec", "template", "spec", "containers"))
            .Select(container => ($"{Text(deployment, "metadata", "name")}/{Text(container, "name")}", container))),
    ];

    static List<YamlMappingNode> OfKind(string kind) => [.. Documents().Where(d => Text(d.Root, "kind") == kind).Select(d => d.Root)];

    /// <summary>Every YAML document of every <c>*.yaml</c> file in <c>deploy/kubernetes</c>, with its file name.</summary>
    static List<(string File, YamlMappingNode Root)> Documents()
    {
        var documents = new List<(string File, YamlMappingNode Root)>();
        foreach (var path in Directory.GetFiles(ManifestFolder(), "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path))
            {
                stream.Load(reader);
            }

            documents.AddRange(stream.Documents.Select(d => (Path.GetFileName(path), Assert.IsType<YamlMappingNode>(d.RootNode))));
        }

        return documents;
    }

    /// <summary>The node at a path of mapping keys, or null where a key is missing.</summary>
    static YamlNode? At(YamlNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            node = node is YamlMappingNode mapping ? mapping.FirstOrDefault(child => KeyOf(child.Key) == key).Value : null;
        }

        return node;
    }

    /// <summary>The scalar at a path, or null.</summary>
    static string? Text(YamlNode? node, params ReadOnlySpan<string> path) => At(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    static List<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    static string KeyOf(YamlNode key) => (key as YamlScalarNode)?.Value ?? string.Empty;

    static string ManifestFolder() => Path.Combine(RepositoryRoot(), "deploy", "kubernetes");

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
