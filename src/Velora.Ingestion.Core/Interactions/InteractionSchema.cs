namespace Velora.Ingestion.Interactions;

/// <summary>
/// One interaction type: the columns its files have, their rules, its identity and its stored fields. Every type has
/// <c>user_id</c> and <c>item_id</c> (required, <see cref="Rules.IdRule"/>); any other column of a file becomes a property.
/// A type is one sealed subclass in this folder: <see cref="InteractionSchemas"/> finds it, and the gateway, the worker,
/// the validator, the writer and <c>GET /v1/interaction-types</c> read it from there.
/// </summary>
public abstract class InteractionSchema
{
    /// <summary>The <c>type=</c> of an upload and the <c>interactionType</c> of <c>ImportRequested</c>.</summary>
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Where the type is listed among the others.</summary>
    public abstract int Order { get; }

    /// <summary>The columns besides the ids, in the order their rules are checked (the first error is the row's).</summary>
    public abstract IReadOnlyList<SchemaColumn> Columns { get; }

    /// <summary>The columns an interaction's identity is made of: two rows with equal values are one interaction.</summary>
    public virtual IReadOnlyList<string> IdentityColumns => ["user_id", "item_id", "timestamp"];

    /// <summary>The fields the writer copies for this type, in <see cref="Columns"/> order.</summary>
    public IReadOnlyList<StoredField> StoredFields => _stored ??= [.. Columns.Select(c => c.Stored).Where(f => f is not StoredField.None and not StoredField.OccurredAt).Distinct()];

    IReadOnlyList<StoredField>? _stored;

    /// <summary>
    /// The type part of a row's identity key. The type name itself, so that the keys of purchases stored before there
    /// were other types are unchanged; a type whose identity has more columns than the ids and the time adds them here.
    /// </summary>
    public virtual string IdentityType(Interaction row) => Name;

    public SchemaColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
