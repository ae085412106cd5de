using System.Text;
using MassTransit;

namespace Velora.Ingestion.Messaging;

/// <summary>
/// Names message exchanges <c>velora.{kebab-case type}</c> (e.g. <c>velora.import-requested</c>) instead of the
/// .NET type name, so they read well on the dashboard and other services can publish to them by a stable name.
/// </summary>
public sealed class MessageEntityNames : IEntityNameFormatter
{
    public const string Prefix = "velora.";

    public string FormatEntityName<T>() => For(typeof(T));

    public static string For(Type messageType) => Prefix + Kebab(messageType.Name);

    static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
