using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions.Rules;

/// <summary>
/// What one column accepts. A rule reads the trimmed, non-empty text of a field and either sets its typed value or
/// returns the row's error; an empty field never reaches it (it is absent, or a missing required field).
/// </summary>
public abstract class ColumnRule
{
    /// <summary>The rule in words, as <c>GET /v1/interaction-types</c> lists it.</summary>
    public abstract string Description { get; }

    /// <summary>The kind of value, for clients that render a form: <c>id</c>, <c>text</c>, <c>timestamp</c>, <c>integer</c>, <c>decimal</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>A value this rule accepts, for the sample file of a type; <paramref name="row"/> (0, 1, 2…) varies it.</summary>
    public abstract string Example(int row);

    /// <returns>Null when the value is accepted (and stored into <paramref name="values"/>), else the row's error.</returns>
    public abstract RowError? Apply(string text, ValueFormat format, ref InteractionValues values);
}
