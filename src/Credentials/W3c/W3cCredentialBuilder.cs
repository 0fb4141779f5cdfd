using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Internal;

namespace Credentials.W3c;

/// <summary>
/// Builds an unsigned credential of the W3C Verifiable Credentials Data Model 2.0, for a securing mechanism to sign
/// (for example <see cref="VcJose.VcJwtIssuer"/>). The base context and the <c>VerifiableCredential</c> type come
/// first by themselves. <see cref="Build"/> refuses anything the data model forbids. Not thread-safe.
/// </summary>
/// <example>
/// <code>
/// var credential = new W3cCredentialBuilder()
///     .Id("urn:uuid:2f1c0c8e-3a53-4f0e-9d3c-0c1b1c2d3e4f")
///     .Type("ExamCertificate")
///     .Issuer("did:web:exam.example.jp", issuer => issuer.Name("情報処理試験センター", "ja"))
///     .Name("基本情報技術者試験 合格証書", "ja")
///     .ValidFrom(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)))
///     .Subject(subject => subject
///         .Id("did:key:z6Mk…")
///         .Claim("examName", "基本情報技術者試験")
///         .Claim("passedOn", "2025-03-15"))
///     .Build();
/// </code>
/// </example>
public sealed class W3cCredentialBuilder
{
    private static readonly HashSet<string> s_modelled = new(StringComparer.Ordinal)
    {
        "@context", "id", "type", "name", "description", "issuer", "validFrom", "validUntil", "credentialSubject",
        "credentialStatus", "credentialSchema", "evidence", "termsOfUse", "refreshService", "proof",
    };

    private readonly List<JsonNode> _contexts = [];
    private readonly List<string> _types = [W3cTypes.VerifiableCredential];
    private readonly List<JsonNode> _names = [];
    private readonly List<JsonNode> _descriptions = [];
    private readonly List<JsonNode> _subjects = [];
    private readonly List<JsonNode> _status = [];
    private readonly List<JsonNode> _schemas = [];
    private readonly List<JsonNode> _evidence = [];
    private readonly List<JsonNode> _termsOfUse = [];
    private readonly List<JsonNode> _refreshServices = [];
    private readonly JsonObject _members = [];
    private string? _id;
    private JsonNode? _issuer;
    private string? _validFrom;
    private string? _validUntil;

    /// <summary>Adds context URLs after the base context (for example the Open Badges 3.0 context).</summary>
    /// <param name="urls">The context URLs.</param>
    public W3cCredentialBuilder Context(params string[] urls)
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

    /// <summary>Adds an inline context object after the base context.</summary>
    /// <param name="context">The context definition.</param>
    public W3cCredentialBuilder Context(JsonObject context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _contexts.Add(W3cJsonNodes.Detach(context)!);
        return this;
    }

    /// <summary>Sets the credential's <c>id</c> (a URL, for example <c>urn:uuid:…</c>).</summary>
    /// <param name="id">The identifier.</param>
    public W3cCredentialBuilder Id(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _id = id;
        return this;
    }

    /// <summary>Adds types after <c>VerifiableCredential</c>.</summary>
    /// <param name="types">The more specific types.</param>
    public W3cCredentialBuilder Type(params string[] types)
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

    /// <summary>Adds the credential's <c>name</c> in a language; several calls make an array of language values.</summary>
    /// <param name="value">The text.</param>
    /// <param name="language">A BCP 47 tag such as <c>ja</c>, or <see langword="null"/> for a plain string.</param>
    /// <param name="direction">The base direction, if any.</param>
    public W3cCredentialBuilder Name(string value, string? language = null, BaseDirection? direction = null)
    {
        _names.Add(W3cJsonNodes.Text(new LanguageValue(value, language, direction)));
        return this;
    }

    /// <summary>Adds the credential's <c>description</c> in a language; several calls make an array.</summary>
    /// <param name="value">The text.</param>
    /// <param name="language">A BCP 47 tag, or <see langword="null"/> for a plain string.</param>
    /// <param name="direction">The base direction, if any.</param>
    public W3cCredentialBuilder Description(string value, string? language = null, BaseDirection? direction = null)
    {
        _descriptions.Add(W3cJsonNodes.Text(new LanguageValue(value, language, direction)));
        return this;
    }

    /// <summary>Sets the issuer as a URL (for example a DID).</summary>
    /// <param name="id">The issuer's identifier.</param>
    public W3cCredentialBuilder Issuer(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _issuer = JsonValue.Create(id);
        return this;
    }

    /// <summary>Sets the issuer as an object with an <c>id</c> and more properties (for example a name).</summary>
    /// <param name="id">The issuer's identifier.</param>
    /// <param name="build">Describes the rest of the object.</param>
    public W3cCredentialBuilder Issuer(string id, Action<W3cObjectBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(build);
        var issuer = new W3cObjectBuilder().Id(id);
        build(issuer);
        _issuer = issuer.ToJsonObject();
        return this;
    }

    /// <summary>Sets <c>validFrom</c>, written as a <c>dateTimeStamp</c> with its offset.</summary>
    /// <param name="value">The moment the credential becomes valid.</param>
    public W3cCredentialBuilder ValidFrom(DateTimeOffset value)
    {
        _validFrom = W3cSyntax.FormatDateTimeStamp(value);
        return this;
    }

    /// <summary>Sets <c>validUntil</c>, written as a <c>dateTimeStamp</c> with its offset.</summary>
    /// <param name="value">The moment the credential ceases to be valid.</param>
    public W3cCredentialBuilder ValidUntil(DateTimeOffset value)
    {
        _validUntil = W3cSyntax.FormatDateTimeStamp(value);
        return this;
    }

    /// <summary>Adds a credential subject; several calls make an array.</summary>
    /// <param name="build">Describes the subject and its claims.</param>
    public W3cCredentialBuilder Subject(Action<W3cObjectBuilder> build) => AddObject(_subjects, build);

    /// <summary>Adds a <c>credentialStatus</c> entry (for example a <c>BitstringStatusListEntry</c>).</summary>
    /// <param name="build">Describes the entry; it needs a type.</param>
    public W3cCredentialBuilder Status(Action<W3cObjectBuilder> build) => AddObject(_status, build);

    /// <summary>Adds a <c>credentialSchema</c> entry.</summary>
    /// <param name="id">The schema's URL.</param>
    /// <param name="type">The schema type. Default <c>JsonSchema</c>.</param>
    public W3cCredentialBuilder Schema(string id, string type = "JsonSchema")
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrEmpty(type);
        return AddObject(_schemas, s => s.Id(id).Type(type));
    }

    /// <summary>Adds an <c>evidence</c> entry.</summary>
    /// <param name="build">Describes the evidence; it needs a type.</param>
    public W3cCredentialBuilder Evidence(Action<W3cObjectBuilder> build) => AddObject(_evidence, build);

    /// <summary>Adds a <c>termsOfUse</c> entry.</summary>
    /// <param name="build">Describes the terms; they need a type.</param>
    public W3cCredentialBuilder TermsOfUse(Action<W3cObjectBuilder> build) => AddObject(_termsOfUse, build);

    /// <summary>Adds a <c>refreshService</c> entry.</summary>
    /// <param name="build">Describes the service; it needs a type.</param>
    public W3cCredentialBuilder RefreshService(Action<W3cObjectBuilder> build) => AddObject(_refreshServices, build);

    /// <summary>
    /// Adds a top-level member the other contexts define (for example Open Badges' <c>awardedDate</c>). An issuer
    /// secures it only when it is declared in <see cref="W3cIssuanceOptions.ExtensionMembers"/>.
    /// </summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The member is one this builder has a method for, or was already added.</exception>
    public W3cCredentialBuilder Member(string name, JsonNode? value)
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

    /// <summary>
    /// Builds the credential, or reports the first data model violation (for example <see cref="VcErrors.MissingIssuer"/>
    /// or <see cref="VcErrors.InvalidDate"/>) without throwing.
    /// </summary>
    /// <param name="credential">The credential, on success.</param>
    /// <param name="error">The violation, on failure.</param>
    /// <returns><see langword="true"/> when the credential conforms.</returns>
    public bool TryBuild([NotNullWhen(true)] out W3cCredential? credential, [NotNullWhen(false)] out VerificationError? error)
    {
        var read = W3cCredential.ReadElement(JsonElement.Parse(Write(), new JsonDocumentOptions { MaxDepth = 256 }));
        error = read.IsValid ? read.Value.ValidateForIssuanceStrictOnly() : read.Error;
        credential = error is null ? read.Value : null;
        return error is null;
    }

    /// <summary>Builds the credential.</summary>
    /// <returns>The credential, conforming to the data model.</returns>
    /// <exception cref="CredentialVerificationException">The credential would violate the data model; <see cref="CredentialVerificationException.Error"/> says how (<c>vc.*</c>).</exception>
    public W3cCredential Build()
        => TryBuild(out var credential, out var error) ? credential : throw new CredentialVerificationException(error);

    private W3cCredentialBuilder AddObject(List<JsonNode> list, Action<W3cObjectBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var builder = new W3cObjectBuilder();
        build(builder);
        list.Add(builder.ToJsonObject());
        return this;
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
            WriteOneOrMany(writer, "name", _names);
            WriteOneOrMany(writer, "description", _descriptions);
            if (_issuer is not null)
            {
                W3cJsonNodes.Write(writer, "issuer", _issuer);
            }

            if (_validFrom is not null)
            {
                writer.WriteString("validFrom", _validFrom);
            }

            if (_validUntil is not null)
            {
                writer.WriteString("validUntil", _validUntil);
            }

            WriteOneOrMany(writer, "credentialSubject", _subjects);
            WriteOneOrMany(writer, "credentialStatus", _status);
            WriteOneOrMany(writer, "credentialSchema", _schemas);
            WriteOneOrMany(writer, "evidence", _evidence);
            WriteOneOrMany(writer, "termsOfUse", _termsOfUse);
            WriteOneOrMany(writer, "refreshService", _refreshServices);
            foreach (var (name, value) in _members)
            {
                W3cJsonNodes.Write(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOneOrMany(Utf8JsonWriter writer, string name, List<JsonNode> nodes)
    {
        if (nodes.Count > 0)
        {
            W3cJsonNodes.Write(writer, name, W3cJsonNodes.OneOrMany(nodes));
        }
    }
}
