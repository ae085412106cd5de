namespace Velora.Ingestion.Interactions;

/// <summary>
/// Every interaction type there is: the sealed subclasses of <see cref="InteractionSchema"/> in this assembly, found once,
/// so that adding a type is adding its file. Nothing else in the code base names a type.
/// </summary>
public static class InteractionSchemas
{
    public static IReadOnlyList<InteractionSchema> All { get; } = Discover();

    /// <summary>The names, in list order, as error messages show them.</summary>
    public static string Names { get; } = string.Join(", ", All.Select(s => s.Name));

    /// <summary>The type an upload gets when it names none: the first one Velora had.</summary>
    public static InteractionSchema Default => Purchase.Instance;

    public static bool TryGet(string? name, out InteractionSchema schema)
    {
        schema = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))!;
        return schema is not null;
    }

    /// <summary>The schema of a job's type; a job's type was checked when it was planned.</summary>
    public static InteractionSchema Get(string name) =>
        TryGet(name, out var schema) ? schema : throw new ArgumentException(Unsupported(name), nameof(name));

    /// <summary>The one wording of an unknown type, for the gateway's 400 and a direct request's failed job.</summary>
    public static string Unsupported(string? name) => $"Unsupported interaction type: '{name}' (supported: {Names})";

    static InteractionSchema[] Discover() =>
    [
        .. typeof(InteractionSchema).Assembly.GetTypes()
            .Where(t => t.IsSealed && t.IsSubclassOf(typeof(InteractionSchema)))
            .Select(t => (InteractionSchema)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Order)
            .ThenBy(s => s.Name, StringComparer.Ordinal),
    ];
}
