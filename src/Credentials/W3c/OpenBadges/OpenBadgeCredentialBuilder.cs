using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Internal;
using Credentials.W3c.BitstringStatus;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Builds an unsigned Open Badges 3.0 <c>OpenBadgeCredential</c> for a securing mechanism to sign (for example
/// <see cref="DataIntegrity.DataIntegrityIssuer.AddProofAsync"/> with <see cref="IssuanceOptions"/>). It writes the
/// VCDM 2.0 context and the pinned Open Badges context <see cref="OpenBadgeContexts.Context"/>, the types, and a
/// <c>credentialSchema</c> naming the 1EdTech schema; <see cref="Build"/> checks the result against the W3C data
/// model, the Open Badges reading rules and the 1EdTech JSON Schema. Not thread-safe.
/// </summary>
/// <example>
/// <code>
/// JsonObject unsigned = new OpenBadgeCredentialBuilder()
///     .Id("urn:uuid:5f7c1f0e-8a44-4c2b-9a51-3c2d7e0b9a10")
///     .Issuer("did:web:badges.example.jp", issuer => issuer.Name("一般社団法人サンプルDX人材認定機構").Url("https://badges.example.jp"))
///     .ValidFrom(new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.Zero))
///     .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）")
///     .RecipientIdentifier(IdentityObject.CreateHashedEmail("kenta.sato@example.jp"))
///     .Achievement(a => a.Id("https://credentials.example.jp/achievements/dss-p/SE-BE/level-3")
///         .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）", "ja")
///         .Description("DSS-Pのバックエンドエンジニアロールに求められるスキルを実技評価で確認した。", "ja")
///         .Criteria("実技課題と口頭試問に合格し、評価者2名が基準を満たすと判定したこと。"))
///     .Build();
/// </code>
/// </example>
public sealed class OpenBadgeCredentialBuilder
{
    private static readonly HashSet<string> s_modelled = new(StringComparer.Ordinal)
    {
        "@context", "id", "type", "name", "description", "image", "issuer", "validFrom", "validUntil", "awardedDate",
        "credentialSubject", "credentialStatus", "credentialSchema", "evidence", "proof",
    };

    private static readonly HashSet<string> s_subjectModelled = new(StringComparer.Ordinal)
    {
        "id", "type", "identifier", "achievement", "result",
    };

    private readonly List<JsonElement> _identifiers = [];
    private readonly List<JsonElement> _results = [];
    private readonly List<JsonElement> _evidence = [];
    private readonly List<JsonNode> _status = [];
    private readonly JsonObject _members = [];
    private readonly JsonObject _subjectMembers = [];
    private string? _id;
    private string? _name;
    private string? _description;
    private OpenBadgeImage? _image;
    private string? _issuerId;
    private OpenBadgeProfileBuilder? _issuer;
    private string? _validFrom;
    private string? _validUntil;
    private string? _awardedDate;
    private string? _recipientId;
    private AchievementBuilder? _achievement;

    /// <summary>
    /// The issuance options to give a securing mechanism for these credentials: the top-level members the Open Badges
    /// context defines (<c>awardedDate</c>, <c>image</c>, <c>endorsement</c>, <c>endorsementJwt</c>) are declared.
    /// </summary>
    public static W3cIssuanceOptions IssuanceOptions { get; } = new() { ExtensionMembers = ["awardedDate", "image", "endorsement", "endorsementJwt"] };

    /// <summary>Sets the credential's <c>id</c> (required; for example <c>urn:uuid:…</c>).</summary>
    /// <param name="id">The URI.</param>
    public OpenBadgeCredentialBuilder Id(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _id = id;
        return this;
    }

    /// <summary>Sets the credential's name for display in wallets (one string, per the 1EdTech schema).</summary>
    /// <param name="name">The name.</param>
    public OpenBadgeCredentialBuilder Name(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _name = name;
        return this;
    }

    /// <summary>Sets the credential's short description (one string).</summary>
    /// <param name="description">The description.</param>
    public OpenBadgeCredentialBuilder Description(string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        _description = description;
        return this;
    }

    /// <summary>Sets the credential's image.</summary>
    /// <param name="image">The image.</param>
    public OpenBadgeCredentialBuilder Image(OpenBadgeImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
        return this;
    }

    /// <summary>Sets the issuer as a URI (for example a DID).</summary>
    /// <param name="id">The issuer's URI.</param>
    public OpenBadgeCredentialBuilder Issuer(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _issuerId = id;
        _issuer = null;
        return this;
    }

    /// <summary>Sets the issuer as a <c>Profile</c> object.</summary>
    /// <param name="id">The issuer's URI.</param>
    /// <param name="build">Describes the profile (name, url, email, image…).</param>
    public OpenBadgeCredentialBuilder Issuer(string id, Action<OpenBadgeProfileBuilder> build)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(build);
        var profile = new OpenBadgeProfileBuilder();
        build(profile);
        _issuerId = id;
        _issuer = profile;
        return this;
    }

    /// <summary>Sets <c>validFrom</c> (required).</summary>
    /// <param name="value">The moment the credential becomes valid.</param>
    public OpenBadgeCredentialBuilder ValidFrom(DateTimeOffset value)
    {
        _validFrom = OpenBadgeJson.FormatDate(value);
        return this;
    }

    /// <summary>Sets <c>validUntil</c>.</summary>
    /// <param name="value">The moment the credential ceases to be valid.</param>
    public OpenBadgeCredentialBuilder ValidUntil(DateTimeOffset value)
    {
        _validUntil = OpenBadgeJson.FormatDate(value);
        return this;
    }

    /// <summary>Sets <c>awardedDate</c>: when the achievement was first awarded (kept when the credential is reissued).</summary>
    /// <param name="value">The moment.</param>
    public OpenBadgeCredentialBuilder AwardedDate(DateTimeOffset value)
    {
        _awardedDate = OpenBadgeJson.FormatDate(value);
        return this;
    }

    /// <summary>Sets the recipient's URI (<c>credentialSubject.id</c>, for example a DID); the recipient needs this or an identifier.</summary>
    /// <param name="id">The URI.</param>
    public OpenBadgeCredentialBuilder RecipientId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _recipientId = id;
        return this;
    }

    /// <summary>Adds an identifier of the recipient (<c>credentialSubject.identifier</c>), for example <see cref="IdentityObject.CreateHashedEmail"/>.</summary>
    /// <param name="identifier">The identifier.</param>
    public OpenBadgeCredentialBuilder RecipientIdentifier(IdentityObject identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        _identifiers.Add(identifier.Json);
        return this;
    }

    /// <summary>Describes the achievement (required).</summary>
    /// <param name="build">Describes it.</param>
    public OpenBadgeCredentialBuilder Achievement(Action<AchievementBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var achievement = new AchievementBuilder();
        build(achievement);
        _achievement = achievement;
        return this;
    }

    /// <summary>Adds a result the recipient achieved (<c>credentialSubject.result</c>).</summary>
    /// <param name="result">The result.</param>
    public OpenBadgeCredentialBuilder Result(OpenBadgeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _results.Add(result.Json);
        return this;
    }

    /// <summary>
    /// Adds another member of the subject the Open Badges context defines (<c>creditsEarned</c>, <c>licenseNumber</c>,
    /// <c>role</c>, <c>term</c>, <c>narrative</c>, <c>activityStartDate</c>, <c>source</c>…).
    /// </summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The member has its own method, or was already set.</exception>
    public OpenBadgeCredentialBuilder SubjectMember(string name, JsonNode? value) => AddMember(_subjectMembers, s_subjectModelled, name, value);

    /// <summary>Adds evidence.</summary>
    /// <param name="evidence">The evidence.</param>
    public OpenBadgeCredentialBuilder Evidence(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        _evidence.Add(evidence.Json);
        return this;
    }

    /// <summary>Adds a Bitstring Status List entry (<c>credentialStatus</c>).</summary>
    /// <param name="entry">The entry, for example from <see cref="BitstringStatusListIssuer"/>.</param>
    public OpenBadgeCredentialBuilder Status(BitstringStatusListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _status.Add(entry.ToJsonObject());
        return this;
    }

    /// <summary>Adds a <c>credentialStatus</c> entry given as JSON (it needs an <c>id</c> and a <c>type</c> per the 1EdTech schema).</summary>
    /// <param name="entry">The entry.</param>
    public OpenBadgeCredentialBuilder Status(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _status.Add(entry.DeepClone());
        return this;
    }

    /// <summary>
    /// Adds a top-level member the Open Badges context defines that has no method here (for example <c>endorsement</c>,
    /// <c>termsOfUse</c> or <c>refreshService</c>). Members outside <see cref="IssuanceOptions"/> must be declared to the issuer.
    /// </summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The member has its own method, or was already set.</exception>
    public OpenBadgeCredentialBuilder Member(string name, JsonNode? value) => AddMember(_members, s_modelled, name, value);

    /// <summary>Builds the credential and checks it, without throwing for a nonconforming result.</summary>
    /// <param name="credential">The unsigned credential as JSON, on success.</param>
    /// <param name="error">The first violation (<c>vc.*</c> or <c>ob.*</c>), on failure.</param>
    /// <returns><see langword="true"/> when the credential conforms.</returns>
    /// <exception cref="ArgumentException">A required part (issuer, achievement and its id, name, description, criteria, a language edition URI) is missing.</exception>
    public bool TryBuild([NotNullWhen(true)] out OpenBadgeCredential? credential, [NotNullWhen(false)] out VerificationError? error)
    {
        var element = JsonElement.Parse(Write(), new JsonDocumentOptions { MaxDepth = 256 });
        credential = null;
        var read = W3cCredential.ReadElement(element);
        error = read.IsValid ? read.Value.ValidateForIssuanceStrictOnly() : read.Error;
        if (error is not null)
        {
            return false;
        }

        var badge = OpenBadgeCredential.From(read.Value);
        error = badge.IsValid ? OpenBadgeSchemaValidator.Validate(badge.Value) : badge.Error;
        credential = error is null ? badge.Value : null;
        return error is null;
    }

    /// <summary>Builds the checked credential as a read-side view (its <see cref="OpenBadgeCredential.Json"/> is what an issuer signs).</summary>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">A required part is missing, or the result violates the data model or the 1EdTech schema (the message names the error code and location).</exception>
    public OpenBadgeCredential BuildCredential()
        => TryBuild(out var credential, out var error)
            ? credential
            : throw new ArgumentException($"The credential does not conform: {error.Code} at {error.Path?.ToString() ?? "/"}.");

    /// <summary>Builds the unsigned credential as a new JSON object, ready for a securing mechanism.</summary>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">A required part is missing, or the result violates the data model or the 1EdTech schema.</exception>
    public JsonObject Build() => JsonNode.Parse(BuildCredential().Credential.ToUtf8Bytes())!.AsObject();

    private OpenBadgeCredentialBuilder AddMember(JsonObject members, HashSet<string> modelled, string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (modelled.Contains(name))
        {
            throw new ArgumentException($"'{name}' is written by the builder or has its own method.", nameof(name));
        }

        if (members.ContainsKey(name))
        {
            throw new ArgumentException($"The member '{name}' was already set.", nameof(name));
        }

        members[name] = value?.Parent is null ? value : value.DeepClone();
        return this;
    }

    private byte[] Write()
    {
        if (_issuerId is null)
        {
            throw new ArgumentException("The credential needs an issuer.");
        }

        if (_achievement is null)
        {
            throw new ArgumentException("The credential needs an achievement.");
        }

        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions with { MaxDepth = 256 }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("@context");
            writer.WriteStringValue(W3cContexts.CredentialsV2);
            writer.WriteStringValue(OpenBadgeContexts.Context);
            writer.WriteEndArray();
            OpenBadgeWriter.Optional(writer, "id", _id);
            OpenBadgeWriter.Types(writer, [W3cTypes.VerifiableCredential, OpenBadgeTypes.OpenBadgeCredential]);
            OpenBadgeWriter.Optional(writer, "name", _name);
            OpenBadgeWriter.Optional(writer, "description", _description);
            OpenBadgeWriter.Optional(writer, "image", _image?.Json);
            if (_issuer is null)
            {
                writer.WriteString("issuer", _issuerId);
            }
            else
            {
                writer.WritePropertyName("issuer");
                _issuer.Write(writer, _issuerId);
            }

            OpenBadgeWriter.Optional(writer, "validFrom", _validFrom);
            OpenBadgeWriter.Optional(writer, "validUntil", _validUntil);
            OpenBadgeWriter.Optional(writer, "awardedDate", _awardedDate);
            WriteSubject(writer);
            OpenBadgeWriter.Elements(writer, "evidence", _evidence);
            if (_status.Count > 0)
            {
                writer.WritePropertyName("credentialStatus");
                if (_status.Count == 1)
                {
                    _status[0].WriteTo(writer);
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var status in _status)
                    {
                        status.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                }
            }

            // Section 9.1, step 1: a 1EdTechJsonSchemaValidator2019 credentialSchema asks verifiers to check the JSON Schema.
            writer.WriteStartArray("credentialSchema");
            writer.WriteStartObject();
            writer.WriteString("id", OpenBadgeContexts.AchievementCredentialSchema);
            writer.WriteString("type", OpenBadgeContexts.JsonSchemaValidator2019);
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteMembers(writer, _members);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteSubject(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("credentialSubject");
        OpenBadgeWriter.Optional(writer, "id", _recipientId);
        OpenBadgeWriter.Types(writer, [OpenBadgeTypes.AchievementSubject]);
        OpenBadgeWriter.Elements(writer, "identifier", _identifiers);
        writer.WritePropertyName("achievement");
        _achievement!.Write(writer);
        OpenBadgeWriter.Elements(writer, "result", _results);
        WriteMembers(writer, _subjectMembers);
        writer.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter writer, JsonObject members)
    {
        foreach (var (name, value) in members)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
    }
}
