using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>
/// Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2): endpoints, supported credential configurations, batch
/// size and display data, served unsigned as <c>application/json</c> at <see cref="GetWellKnownUri"/>.
/// </summary>
public sealed record CredentialIssuerMetadata
{
    /// <summary>The well-known path segment (section 12.2.2).</summary>
    public const string WellKnownPath = "/.well-known/openid-credential-issuer";

    /// <summary>The largest metadata document a parser accepts (256 KiB).</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The Credential Issuer Identifier (<c>credential_issuer</c>).</summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>Authorization Servers (<c>authorization_servers</c>); when absent the issuer is its own Authorization Server.</summary>
    public IReadOnlyList<string>? AuthorizationServers { get; init; }

    /// <summary>The Credential Endpoint (<c>credential_endpoint</c>).</summary>
    public required string CredentialEndpoint { get; init; }

    /// <summary>The Nonce Endpoint (<c>nonce_endpoint</c>); when absent, proofs carry no <c>nonce</c>.</summary>
    public string? NonceEndpoint { get; init; }

    /// <summary>The Deferred Credential Endpoint (<c>deferred_credential_endpoint</c>, section 9); when absent, issuance is never deferred.</summary>
    public string? DeferredCredentialEndpoint { get; init; }

    /// <summary>The Notification Endpoint (<c>notification_endpoint</c>, section 11); when absent, the issuer takes no notifications.</summary>
    public string? NotificationEndpoint { get; init; }

    /// <summary>Whether and how (Deferred) Credential Requests may or must be encrypted (<c>credential_request_encryption</c>, section 10).</summary>
    public CredentialRequestEncryptionMetadata? CredentialRequestEncryption { get; init; }

    /// <summary>Whether and how Credential Responses may or must be encrypted (<c>credential_response_encryption</c>, section 10).</summary>
    public CredentialResponseEncryptionMetadata? CredentialResponseEncryption { get; init; }

    /// <summary>The largest number of proofs in one Credential Request (<c>batch_credential_issuance.batch_size</c>, at least 2); <see langword="null"/> when batches are not supported.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The issuer's display data per language.</summary>
    public IReadOnlyList<IssuerDisplay>? Display { get; init; }

    /// <summary>The supported configurations by id (<c>credential_configurations_supported</c>).</summary>
    public required IReadOnlyDictionary<string, CredentialConfiguration> CredentialConfigurations { get; init; }

    /// <summary>
    /// The metadata URL for an issuer identifier: <c>/.well-known/openid-credential-issuer</c> inserted between the host and
    /// the path (section 12.2.2), so <c>https://issuer.example.com/tenant</c> → <c>https://issuer.example.com/.well-known/openid-credential-issuer/tenant</c>.
    /// </summary>
    /// <param name="credentialIssuer">The Credential Issuer Identifier.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="ArgumentException">Not an absolute http(s) URL without query and fragment.</exception>
    public static string GetWellKnownUri(string credentialIssuer) => InsertWellKnown(credentialIssuer, WellKnownPath);

    internal static string InsertWellKnown(string identifier, string wellKnown)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (!Uri.TryCreate(identifier, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || identifier.Contains('?', StringComparison.Ordinal) || identifier.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The identifier must be an absolute http(s) URL without query or fragment.", nameof(identifier));
        }

        var path = uri.AbsolutePath == "/" ? string.Empty : uri.AbsolutePath.TrimEnd('/');
        return uri.GetLeftPart(UriPartial.Authority) + wellKnown + path;
    }

    /// <summary>Serializes the metadata (UTF-8 JSON, non-ASCII unescaped).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("credential_issuer", CredentialIssuer);
        if (AuthorizationServers is { Count: > 0 })
        {
            OpenId4VciJson.WriteStringArray(w, "authorization_servers", AuthorizationServers);
        }

        w.WriteString("credential_endpoint", CredentialEndpoint);
        WriteOptional(w, "nonce_endpoint", NonceEndpoint);
        WriteOptional(w, "deferred_credential_endpoint", DeferredCredentialEndpoint);
        WriteOptional(w, "notification_endpoint", NotificationEndpoint);
        CredentialEncryptionMetadataJson.Write(w, CredentialRequestEncryption, CredentialResponseEncryption);
        if (BatchSize is { } size)
        {
            w.WriteStartObject("batch_credential_issuance");
            w.WriteNumber("batch_size", size);
            w.WriteEndObject();
        }

        if (Display is { Count: > 0 })
        {
            w.WriteStartArray("display");
            foreach (var d in Display)
            {
                w.WriteStartObject();
                WriteOptional(w, "name", d.Name);
                WriteOptional(w, "locale", d.Locale);
                WriteLogo(w, "logo", d.Logo);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("credential_configurations_supported");
        foreach (var (id, c) in CredentialConfigurations)
        {
            w.WriteStartObject(id);
            w.WriteString("format", c.Format);
            WriteOptional(w, "scope", c.Scope);
            if (c.CryptographicBindingMethods is { Count: > 0 })
            {
                OpenId4VciJson.WriteStringArray(w, "cryptographic_binding_methods_supported", c.CryptographicBindingMethods);
            }

            if (c.CredentialSigningAlgorithms is { Count: > 0 })
            {
                OpenId4VciJson.WriteStringArray(w, "credential_signing_alg_values_supported", c.CredentialSigningAlgorithms);
            }

            if (c.ProofTypes is { Count: > 0 })
            {
                w.WriteStartObject("proof_types_supported");
                foreach (var (type, proof) in c.ProofTypes)
                {
                    w.WriteStartObject(type);
                    OpenId4VciJson.WriteStringArray(w, "proof_signing_alg_values_supported", proof.ProofSigningAlgorithms);
                    WriteKeyAttestationsRequired(w, proof);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            WriteOptional(w, "vct", c.Vct);
            if (c.CredentialDefinition is { } definition)
            {
                w.WriteStartObject("credential_definition");
                if (definition.Context is { } context)
                {
                    OpenId4VciJson.WriteStringArray(w, "@context", context);
                }

                OpenId4VciJson.WriteStringArray(w, "type", definition.Type);
                w.WriteEndObject();
            }

            if (c.Display is { Count: > 0 } || c.Claims is not null)
            {
                w.WriteStartObject("credential_metadata");
                if (c.Display is { Count: > 0 })
                {
                    w.WriteStartArray("display");
                    foreach (var d in c.Display)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", d.Name);
                        WriteOptional(w, "locale", d.Locale);
                        WriteLogo(w, "logo", d.Logo);
                        WriteOptional(w, "description", d.Description);
                        WriteOptional(w, "background_color", d.BackgroundColor);
                        WriteLogo(w, "background_image", d.BackgroundImage);
                        WriteOptional(w, "text_color", d.TextColor);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                if (c.Claims is { } claims)
                {
                    w.WritePropertyName("claims");
                    claims.WriteTo(w);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Parses and validates untrusted metadata. Never throws for bad input; unknown members are ignored.</summary>
    /// <param name="utf8">The JSON bytes.</param>
    /// <returns>The metadata, or <see cref="OpenId4VciErrors.InvalidMetadata"/>.</returns>
    public static VerificationResult<CredentialIssuerMetadata> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxLength || OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The metadata is not a JSON object within the size limit (or repeats a member).");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "credential_issuer", out var issuer))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_issuer must be a non-empty string.");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "credential_endpoint", out var credentialEndpoint) || !OpenId4VciJson.IsHttpUrl(credentialEndpoint))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_endpoint must be an http(s) URL.");
        }

        if (!OptionalUrl(root, "nonce_endpoint", out var nonceEndpoint)
            || !OptionalUrl(root, "deferred_credential_endpoint", out var deferred)
            || !OptionalUrl(root, "notification_endpoint", out var notification))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "nonce_endpoint, deferred_credential_endpoint and notification_endpoint must be http(s) URLs.");
        }

        if (!OpenId4VciJson.TryOptionalStringArray(root, "authorization_servers", nonEmpty: true, out var servers))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "authorization_servers must be a non-empty array of unique strings.");
        }

        if (!OpenId4VciJson.TryOptionalObject(root, "batch_credential_issuance", out var batch))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "batch_credential_issuance must be an object.");
        }

        int? batchSize = null;
        if (batch is { } b && (!b.TryGetProperty("batch_size", out _) || !OpenId4VciJson.TryOptionalInt(b, "batch_size", 2, int.MaxValue, out batchSize)))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "batch_credential_issuance.batch_size must be an integer of at least 2.");
        }

        var display = ParseIssuerDisplay(root);
        if (!display.IsValid)
        {
            return display.Error;
        }

        var requestEncryption = CredentialEncryptionMetadataJson.ReadRequest(root);
        var responseEncryption = CredentialEncryptionMetadataJson.ReadResponse(root);
        if (!requestEncryption.IsValid || !responseEncryption.IsValid)
        {
            return (requestEncryption.IsValid ? responseEncryption.Error : requestEncryption.Error)!;
        }

        if (!root.TryGetProperty("credential_configurations_supported", out var configurations) || configurations.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_configurations_supported must be an object.");
        }

        var map = new Dictionary<string, CredentialConfiguration>(StringComparer.Ordinal);
        foreach (var member in configurations.EnumerateObject())
        {
            var configuration = ParseConfiguration(member.Value);
            if (!configuration.IsValid)
            {
                return configuration.Error with { Path = ClaimPath.Of(member.Name) };
            }

            map[member.Name] = configuration.Value;
        }

        return new CredentialIssuerMetadata
        {
            CredentialIssuer = issuer,
            AuthorizationServers = servers,
            CredentialEndpoint = credentialEndpoint,
            NonceEndpoint = nonceEndpoint,
            DeferredCredentialEndpoint = deferred,
            NotificationEndpoint = notification,
            CredentialRequestEncryption = requestEncryption.Value,
            CredentialResponseEncryption = responseEncryption.Value,
            BatchSize = batchSize,
            Display = display.Value,
            CredentialConfigurations = map,
        };
    }

    private static VerificationResult<IReadOnlyList<IssuerDisplay>?> ParseIssuerDisplay(JsonElement root)
    {
        if (!root.TryGetProperty("display", out var display))
        {
            return VerificationResult<IReadOnlyList<IssuerDisplay>?>.Success(null);
        }

        if (display.ValueKind != JsonValueKind.Array || display.GetArrayLength() == 0)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "display must be a non-empty array.");
        }

        var list = new List<IssuerDisplay>();
        var locales = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in display.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !OpenId4VciJson.TryOptionalString(item, "name", out var name)
                || !OpenId4VciJson.TryOptionalString(item, "locale", out var locale)
                || !TryLogo(item, "logo", out var logo))
            {
                return new VerificationError(OpenId4VciErrors.InvalidMetadata, "Each issuer display entry must be an object with string name, locale and a logo object with a uri.");
            }

            if (locale is not null && !locales.Add(locale))
            {
                return new VerificationError(OpenId4VciErrors.InvalidMetadata, "The issuer display has two entries for one locale.");
            }

            list.Add(new IssuerDisplay { Name = name, Locale = locale, Logo = logo });
        }

        return VerificationResult<IReadOnlyList<IssuerDisplay>?>.Success(list);
    }

    private static VerificationResult<CredentialConfiguration> ParseConfiguration(JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "A credential configuration must be an object.");
        }

        if (!OpenId4VciJson.TryRequiredString(c, "format", out var format))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "format must be a non-empty string.");
        }

        if (!OpenId4VciJson.TryOptionalString(c, "scope", out var scope) || !OpenId4VciJson.TryOptionalString(c, "vct", out var vct))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "scope and vct must be strings.");
        }

        if (format == CredentialConfiguration.SdJwtVcFormat && string.IsNullOrEmpty(vct))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "A dc+sd-jwt configuration requires vct (appendix A.3.2).");
        }

        var definition = ReadCredentialDefinition(c, format);
        if (!definition.IsValid)
        {
            return definition.Error;
        }

        if (!OpenId4VciJson.TryOptionalStringArray(c, "cryptographic_binding_methods_supported", nonEmpty: true, out var binding)
            || !OpenId4VciJson.TryOptionalStringArray(c, "credential_signing_alg_values_supported", nonEmpty: true, out var signing))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "cryptographic_binding_methods_supported and credential_signing_alg_values_supported must be non-empty arrays of unique strings.");
        }

        if (!OpenId4VciJson.TryOptionalObject(c, "proof_types_supported", out var proofTypes))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "proof_types_supported must be an object.");
        }

        Dictionary<string, ProofTypeMetadata>? proofs = null;
        if (proofTypes is { } p)
        {
            proofs = new Dictionary<string, ProofTypeMetadata>(StringComparer.Ordinal);
            foreach (var member in p.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.Object
                    || !member.Value.TryGetProperty("proof_signing_alg_values_supported", out _)
                    || !OpenId4VciJson.TryOptionalStringArray(member.Value, "proof_signing_alg_values_supported", nonEmpty: true, out var algs))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidMetadata, "Each proof type needs a non-empty proof_signing_alg_values_supported.");
                }

                // Section 12.2.4: key_attestations_required is an object with optional non-empty key_storage and user_authentication arrays.
                IReadOnlyList<string>? storage = null, authentication = null;
                var required = member.Value.TryGetProperty("key_attestations_required", out var kar);
                if (required && (kar.ValueKind != JsonValueKind.Object
                    || !OpenId4VciJson.TryOptionalStringArray(kar, "key_storage", nonEmpty: true, out storage)
                    || !OpenId4VciJson.TryOptionalStringArray(kar, "user_authentication", nonEmpty: true, out authentication)))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidMetadata, "key_attestations_required must be an object with non-empty string arrays.");
                }

                proofs[member.Name] = new ProofTypeMetadata { ProofSigningAlgorithms = algs!, KeyAttestationsRequired = required, KeyAttestationKeyStorage = storage, KeyAttestationUserAuthentication = authentication };
            }
        }

        // Section 12.2.4: proof_types_supported MUST be present if cryptographic_binding_methods_supported is, and omitted otherwise.
        if ((binding is null) != (proofs is null || proofs.Count == 0))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "proof_types_supported must be present exactly when cryptographic_binding_methods_supported is.");
        }

        if (!OpenId4VciJson.TryOptionalObject(c, "credential_metadata", out var credentialMetadata))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_metadata must be an object.");
        }

        List<CredentialDisplay>? display = null;
        JsonElement? claims = null;
        if (credentialMetadata is { } m)
        {
            if (m.TryGetProperty("display", out var d))
            {
                if (d.ValueKind != JsonValueKind.Array || d.GetArrayLength() == 0)
                {
                    return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_metadata.display must be a non-empty array.");
                }

                display = [];
                var locales = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in d.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object
                        || !OpenId4VciJson.TryRequiredString(item, "name", out var name)
                        || !OpenId4VciJson.TryOptionalString(item, "locale", out var locale)
                        || !OpenId4VciJson.TryOptionalString(item, "description", out var description)
                        || !OpenId4VciJson.TryOptionalString(item, "background_color", out var background)
                        || !OpenId4VciJson.TryOptionalString(item, "text_color", out var text)
                        || !TryLogo(item, "logo", out var logo)
                        || !TryLogo(item, "background_image", out var image))
                    {
                        return new VerificationError(OpenId4VciErrors.InvalidMetadata, "Each credential display entry needs a string name; locale, description and colours are strings; images are objects with a uri.");
                    }

                    if (locale is not null && !locales.Add(locale))
                    {
                        return new VerificationError(OpenId4VciErrors.InvalidMetadata, "A credential display has two entries for one locale.");
                    }

                    display.Add(new CredentialDisplay { Name = name, Locale = locale, Description = description, BackgroundColor = background, TextColor = text, Logo = logo, BackgroundImage = image });
                }
            }

            if (m.TryGetProperty("claims", out var claimsElement))
            {
                if (claimsElement.ValueKind != JsonValueKind.Array || claimsElement.GetArrayLength() == 0)
                {
                    return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_metadata.claims must be a non-empty array.");
                }

                claims = claimsElement.Clone();
            }
        }

        return new CredentialConfiguration
        {
            Format = format,
            Scope = scope,
            Vct = vct,
            CredentialDefinition = definition.Value,
            CryptographicBindingMethods = binding,
            CredentialSigningAlgorithms = signing,
            ProofTypes = proofs,
            Display = display,
            Claims = claims,
        };
    }

    private static VerificationResult<CredentialDefinition?> ReadCredentialDefinition(JsonElement c, string format)
    {
        var w3c = format is CredentialConfiguration.JwtVcJsonFormat or CredentialConfiguration.LdpVcFormat;
        if (!OpenId4VciJson.TryOptionalObject(c, "credential_definition", out var element))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_definition must be an object.");
        }

        if (element is not { } d)
        {
            // Appendix A.1.1.2 and A.1.2.2: credential_definition is REQUIRED for jwt_vc_json and ldp_vc.
            return w3c
                ? new VerificationError(OpenId4VciErrors.InvalidMetadata, "A jwt_vc_json or ldp_vc configuration requires credential_definition (appendix A.1).")
                : VerificationResult<CredentialDefinition?>.Success(null);
        }

        if (!d.TryGetProperty("type", out _)
            || !OpenId4VciJson.TryOptionalStringArray(d, "type", nonEmpty: true, out var types)
            || !OpenId4VciJson.TryOptionalStringArray(d, "@context", nonEmpty: true, out var contexts))
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "credential_definition needs a non-empty type array; @context, if present, a non-empty array of strings.");
        }

        // Appendix A.1.2.2: an ldp_vc credential_definition REQUIRES @context.
        if (format == CredentialConfiguration.LdpVcFormat && contexts is null)
        {
            return new VerificationError(OpenId4VciErrors.InvalidMetadata, "An ldp_vc credential_definition requires @context (appendix A.1.2.2).");
        }

        return VerificationResult<CredentialDefinition?>.Success(new CredentialDefinition { Type = types!, Context = contexts });
    }

    private static bool TryLogo(JsonElement obj, string name, out DisplayLogo? logo)
    {
        logo = null;
        if (!OpenId4VciJson.TryOptionalObject(obj, name, out var element))
        {
            return false;
        }

        if (element is not { } e)
        {
            return true;
        }

        if (!OpenId4VciJson.TryRequiredString(e, "uri", out var uri) || !OpenId4VciJson.TryOptionalString(e, "alt_text", out var alt))
        {
            return false;
        }

        logo = new DisplayLogo { Uri = uri, AltText = alt };
        return true;
    }

    private static bool OptionalUrl(JsonElement obj, string name, out string? value)
        => OpenId4VciJson.TryOptionalString(obj, name, out value) && (value is null || OpenId4VciJson.IsHttpUrl(value));

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteLogo(Utf8JsonWriter w, string name, DisplayLogo? logo)
    {
        if (logo is null)
        {
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("uri", logo.Uri);
        WriteOptional(w, "alt_text", logo.AltText);
        w.WriteEndObject();
    }

    private static void WriteKeyAttestationsRequired(Utf8JsonWriter w, ProofTypeMetadata proof)
    {
        if (!proof.KeyAttestationsRequired)
        {
            return;
        }

        w.WriteStartObject("key_attestations_required");
        if (proof.KeyAttestationKeyStorage is { Count: > 0 } storage)
        {
            OpenId4VciJson.WriteStringArray(w, "key_storage", storage);
        }

        if (proof.KeyAttestationUserAuthentication is { Count: > 0 } authentication)
        {
            OpenId4VciJson.WriteStringArray(w, "user_authentication", authentication);
        }

        w.WriteEndObject();
    }
}
