using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Internal;

namespace Credentials.W3c;

/// <summary>
/// Builds an unsigned presentation of the W3C Verifiable Credentials Data Model 2.0, for a holder to sign (for example
/// with <see cref="VcJose.VcJwtHolder"/>). The base context and the <c>VerifiablePresentation</c> type come first by
/// themselves. <see cref="Build"/> refuses anything the data model forbids, such as a credential without a proof
/// that the holder did not issue. Not thread-safe.
/// </summary>
public sealed class W3cPresentationBuilder
{
    private static readonly HashSet<string> s_modelled = new(StringComparer.Ordinal)
    {
        "@context", "id", "type", "holder", "verifiableCredential", "termsOfUse", "proof",
    };

    private readonly List<JsonNode> _contexts = [];
    private readonly List<string> _types = [W3cTypes.VerifiablePresentation];
    private readonly List<ReadOnlyMemory<byte>> _credentials = [];
    private readonly List<JsonNode> _termsOfUse = [];
    private readonly JsonObject _members = [];
    private string? _id;
    private JsonNode? _holder;

    /// <summary>Adds context URLs after the base context.</summary>
    /// <param name="urls">The context URLs.</param>
    public W3cPresentationBuilder Context(params string[] urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls)
        {
            ArgumentException.ThrowIfNullOrEmpty(url, nameof(urls));
            if (url != W3cContexts.CredentialsV2)
            {
                _contexts.Add(JsonValue.Create(url));
            }
        }

        return this;
    }

    /// <summary>Sets the presentation's <c>id</c> (a URL).</summary>
    /// <param name="id">The identifier.</param>
    public W3cPresentationBuilder Id(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _id = id;
        return this;
    }

    /// <summary>Adds types after <c>VerifiablePresentation</c>.</summary>
    /// <param name="types">The more specific types.</param>
    public W3cPresentationBuilder Type(params string[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            ArgumentException.ThrowIfNullOrEmpty(type, nameof(types));
            if (!_types.Contains(type))
            {
                _types.Add(type);
            }
        }

        return this;
    }

    /// <summary>Sets the holder as a URL (for example a DID).</summary>
    /// <param name="id">The holder's identifier.</param>
    public W3cPresentationBuilder Holder(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _holder = JsonValue.Create(id);
        return this;
    }

    /// <summary>Sets the holder as an object with an <c>id</c> and more properties.</summary>
    /// <param name="id">The holder's identifier.</param>
    /// <param name="build">Describes the rest of the object.</param>
    public W3cPresentationBuilder Holder(string id, Action<W3cObjectBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(build);
        var holder = new W3cObjectBuilder().Id(id);
        build(holder);
        _holder = holder.ToJsonObject();
        return this;
    }

    /// <summary>Adds a credential with an embedded proof (or a self-asserted one, issued by the holder), exactly as it is.</summary>
    /// <param name="credential">The credential.</param>
    public W3cPresentationBuilder Credential(W3cCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials.Add(credential.ToUtf8Bytes());
        return this;
    }

    /// <summary>Adds an enveloped credential.</summary>
    /// <param name="credential">The envelope.</param>
    public W3cPresentationBuilder Credential(EnvelopedVerifiableCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials.Add(JsonSerializerRaw(credential.Json));
        return this;
    }

    /// <summary>Adds a credential secured as <c>application/vc+jwt</c>, enveloped (VC-JOSE-COSE section 3.1.2).</summary>
    /// <param name="compactJws">The compact JWS.</param>
    public W3cPresentationBuilder EnvelopedVcJwt(string compactJws) => Credential(EnvelopedVerifiableCredential.FromVcJwt(compactJws));

    /// <summary>Adds a holder's <c>termsOfUse</c> entry.</summary>
    /// <param name="build">Describes the terms; they need a type.</param>
    public W3cPresentationBuilder TermsOfUse(Action<W3cObjectBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var terms = new W3cObjectBuilder();
        build(terms);
        _termsOfUse.Add(terms.ToJsonObject());
        return this;
    }

    /// <summary>Adds a top-level member other contexts define; a holder secures it only when it is declared.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The member has its own method, or was already added.</exception>
    public W3cPresentationBuilder Member(string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (s_modelled.Contains(name))
        {
            throw new ArgumentException($"'{name}' has its own method on this builder.", nameof(name));
        }

        if (_members.ContainsKey(name))
        {
            throw new ArgumentException($"The member '{name}' was already added.", nameof(name));
        }

        _members[name] = W3cJsonNodes.Detach(value);
        return this;
    }

    /// <summary>Builds the presentation, or reports the first data model violation without throwing.</summary>
    /// <param name="presentation">The presentation, on success.</param>
    /// <param name="error">The violation, on failure.</param>
    /// <returns><see langword="true"/> when the presentation conforms.</returns>
    public bool TryBuild([NotNullWhen(true)] out W3cPresentation? presentation, [NotNullWhen(false)] out VerificationError? error)
    {
        var bytes = Write();
        var options = W3cReaderOptions.Default with { MaxLength = int.MaxValue, MaxPresentedCredentials = int.MaxValue, MaxDepth = 256 };
        var read = W3cPresentation.ReadElement(JsonElement.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 }), options);
        error = read.IsValid ? read.Value.ValidateForIssuanceStrictOnly() : read.Error;
        presentation = error is null ? read.Value : null;
        return error is null;
    }

    /// <summary>Builds the presentation.</summary>
    /// <returns>The presentation, conforming to the data model.</returns>
    /// <exception cref="CredentialVerificationException">The presentation would violate the data model (<c>vc.*</c>).</exception>
    public W3cPresentation Build()
        => TryBuild(out var presentation, out var error) ? presentation : throw new CredentialVerificationException(error);

    private static byte[] JsonSerializerRaw(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            element.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private byte[] Write()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions with { MaxDepth = 256 }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("@context");
            if (_contexts.Count == 0)
            {
                writer.WriteStringValue(W3cContexts.CredentialsV2);
            }
            else
            {
                writer.WriteStartArray();
                writer.WriteStringValue(W3cContexts.CredentialsV2);
                foreach (var context in _contexts)
                {
                    context.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            if (_id is not null)
            {
                writer.WriteString("id", _id);
            }

            W3cJsonNodes.Write(writer, "type", W3cJsonNodes.Types(_types));
            if (_holder is not null)
            {
                W3cJsonNodes.Write(writer, "holder", _holder);
            }

            if (_credentials.Count > 0)
            {
                writer.WritePropertyName("verifiableCredential");
                writer.WriteStartArray();
                foreach (var credential in _credentials)
                {
                    writer.WriteRawValue(credential.Span, skipInputValidation: true);
                }

                writer.WriteEndArray();
            }

            if (_termsOfUse.Count > 0)
            {
                W3cJsonNodes.Write(writer, "termsOfUse", W3cJsonNodes.OneOrMany(_termsOfUse));
            }

            foreach (var (name, value) in _members)
            {
                W3cJsonNodes.Write(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
