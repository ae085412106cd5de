using System.Globalization;
using CsvHelper;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Interactions.Rules;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>
/// A small file of one interaction type that imports as it is: every column the type knows and every property the store
/// declared, three distinct rows with values taken from the columns' own rules.
/// </summary>
public static class SampleFile
{
    public const int Rows = 3;

    public static string FileNameOf(InteractionSchema schema) => $"velora-{schema.Name}-sample.csv";

    public static string Of(InteractionSchema schema, IReadOnlyList<DeclaredProperty> declared)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions()))
        {
            csv.WriteHeader(["user_id", "item_id", .. schema.Columns.Select(c => c.Name), .. declared.Select(p => p.Name)]);
            for (var row = 0; row < Rows; row++)
            {
                csv.WriteRecord(
                [
                    string.Create(CultureInfo.InvariantCulture, $"u{1001 + row}"),
                    string.Create(CultureInfo.InvariantCulture, $"i{2001 + row}"),
                    .. schema.Columns.Select(c => c.Rule.Example(row)),
                    .. declared.Select(p => ExampleOf(p.Kind, row)),
                ]);
            }
        }

        return text.ToString();
    }

    static string ExampleOf(PropertyKind kind, int row) => kind switch
    {
        PropertyKind.Number => (row + 2).ToString(CultureInfo.InvariantCulture),
        PropertyKind.Boolean => row % 2 == 0 ? "true" : "false",
        PropertyKind.Timestamp => TimestampRule.Instance.Example(row),
        _ => row % 2 == 0 ? "gift" : "self",
    };
}
