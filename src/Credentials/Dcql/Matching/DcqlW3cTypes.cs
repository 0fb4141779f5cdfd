using System;
using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;

namespace Credentials.Dcql.Matching;

/// <summary>
/// Computes the fully expanded types of a W3C credential, which DCQL <c>type_values</c> are matched against
/// (OpenID4VP 1.0 Appendix B.1.1). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Only the credential's <c>@context</c> and <c>type</c> are expanded (JSON-LD 1.1 expansion, with the contexts the loader
/// serves), which gives the same types as expanding the whole credential at a fraction of the cost. A type no context
/// defines stays as written (a relative IRI), as the appendix says, unless a context sets an <c>@vocab</c>. A wallet computes the types once, when it stores the credential, and keeps them with it.
/// </remarks>
public static class DcqlW3cTypes
{
    private static readonly JsonLdOptions s_options = new() { SafeMode = false };

    /// <summary>Expands the types of a credential.</summary>
    /// <param name="credential">The credential object (for a JWT, the credential inside it).</param>
    /// <param name="loader">Serves the contexts; <see cref="PinnedJsonLdDocumentLoader.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels context loading.</param>
    /// <returns>
    /// The fully expanded types in the credential's order; or a <c>jsonld.*</c> error when a context cannot be loaded or
    /// is invalid, or <see cref="DcqlErrors.InvalidMeta"/> when the credential is not an object with a <c>type</c>.
    /// </returns>
    public static async ValueTask<VerificationResult<ImmutableArray<string>>> ExpandAsync(JsonElement credential, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
    {
        if (credential.ValueKind != JsonValueKind.Object || !credential.TryGetProperty("type", out var type)
            || type.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return new VerificationError(DcqlErrors.InvalidMeta, "The credential is not an object with a 'type'.");
        }

        if (!credential.TryGetProperty("@context", out var context))
        {
            // No context: nothing can expand a type, so each stays as written.
            return Literal(type);
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("@context");
            context.WriteTo(writer);
            writer.WritePropertyName("@type");
            type.WriteTo(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var processor = new JsonLdProcessor(loader ?? PinnedJsonLdDocumentLoader.Default, s_options);
        var expanded = await processor.ExpandAsync(document.RootElement, null, cancellationToken).ConfigureAwait(false);
        if (!expanded.IsValid)
        {
            return expanded.Error;
        }

        if (expanded.Value.Count != 1 || expanded.Value[0] is not NodeObject { Types: { } types })
        {
            return ImmutableArray<string>.Empty;
        }

        return types.ToImmutableArray();
    }

    private static VerificationResult<ImmutableArray<string>> Literal(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return ImmutableArray.Create(type.GetString()!);
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in type.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                builder.Add(item.GetString()!);
            }
        }

        return builder.ToImmutable();
    }
}
