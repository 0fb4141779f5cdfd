using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.Trust;

/// <summary>
/// A verifier's list of trusted issuers, their keys and the credential types each may issue, loaded from a file so
/// verification works offline. Resolves issuer keys (<see cref="IIssuerKeyResolver"/>) and authorizes types
/// (<see cref="IIssuerAuthorization"/>). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// File format: <c>{"issuers":[{"issuer":"https://…","name":"…","keys":[{JWK}],"credential_types":["https://…/vct"]}]}</c>.
/// An issuer that is a DID may omit <c>keys</c>; its keys are then resolved through the DID resolver given to the constructor.
/// </remarks>
public sealed class TrustList : IIssuerKeyResolver, IIssuerAuthorization, IDisposable
{
    private readonly FrozenDictionary<string, Entry> _entries;
    private readonly IIssuerKeyResolver? _didKeys;

    /// <summary>Creates a trust list.</summary>
    /// <param name="issuers">The trusted issuers.</param>
    /// <param name="didKeyResolver">Resolves keys of DID issuers listed without keys (for example <c>DidIssuerKeyResolver</c>).</param>
    /// <exception cref="ArgumentException">An issuer appears twice or a key is not a usable public key.</exception>
    public TrustList(IEnumerable<TrustedIssuer> issuers, IIssuerKeyResolver? didKeyResolver = null)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var issuer in issuers)
        {
            ArgumentNullException.ThrowIfNull(issuer);
            if (issuer.Keys.IsDefaultOrEmpty && !issuer.Issuer.StartsWith("did:", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The trusted issuer '{issuer.Issuer}' has no keys and is not a DID.", nameof(issuers));
            }

            if (!issuer.Keys.IsDefault && issuer.Keys.Any(k => k is null || k.HasPrivateKey))
            {
                // A trust list publishes public keys; a private one is a mistake that must not pass silently.
                throw new ArgumentException($"A key of the trusted issuer '{issuer.Issuer}' carries private key material.", nameof(issuers));
            }

            var keys = issuer.Keys.IsDefault ? [] : issuer.Keys.Select(k => VerificationKey.Create(k)).ToImmutableArray();
            if (!entries.TryAdd(issuer.Issuer, new Entry(issuer, keys)))
            {
                throw new ArgumentException($"The issuer '{issuer.Issuer}' is listed twice.", nameof(issuers));
            }
        }

        _entries = entries.ToFrozenDictionary(StringComparer.Ordinal);
        _didKeys = didKeyResolver;
    }

    /// <summary>The trusted issuers.</summary>
    public IEnumerable<TrustedIssuer> Issuers => _entries.Values.Select(e => e.Issuer);

    /// <summary>Loads a trust list from JSON text.</summary>
    /// <param name="json">The trust list document.</param>
    /// <param name="didKeyResolver">Resolves keys of DID issuers listed without keys.</param>
    /// <exception cref="FormatException">The document is not a valid trust list (malformed, a duplicate issuer, an unusable key).</exception>
    public static TrustList Parse(string json, IIssuerKeyResolver? didKeyResolver = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = SafeJson.TryParse(json, 16) ?? throw new FormatException("The trust list is not valid JSON (or repeats a member name).");
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("issuers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The trust list needs an 'issuers' array.");
        }

        var issuers = new List<TrustedIssuer>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetString("issuer", out var id))
            {
                throw new FormatException("Each trusted issuer needs an 'issuer' string.");
            }

            var keys = ImmutableArray.CreateBuilder<Jwk>();
            if (item.TryGetProperty("keys", out var keyArray))
            {
                if (keyArray.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"The 'keys' of the trusted issuer '{id}' must be an array.");
                }

                foreach (var k in keyArray.EnumerateArray())
                {
                    // Private or symmetric members (d, p, q, dp, dq, qi, oth, k) are refused, not dropped.
                    var jwk = Jwk.ReadPublic(k);
                    if (!jwk.IsValid)
                    {
                        throw new FormatException($"A key of the trusted issuer '{id}' is not a valid public JWK.");
                    }

                    keys.Add(jwk.Value);
                }
            }

            var types = ImmutableArray.CreateBuilder<string>();
            if (item.TryGetProperty("credential_types", out var typeArray))
            {
                if (typeArray.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("'credential_types' must be an array of strings.");
                }

                foreach (var t in typeArray.EnumerateArray())
                {
                    types.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new FormatException("'credential_types' must be strings."));
                }
            }

            issuers.Add(new TrustedIssuer
            {
                Issuer = id,
                Name = item.TryGetString("name", out var name) ? name : null,
                Keys = keys.ToImmutable(),
                CredentialTypes = types.ToImmutable(),
            });
        }

        try
        {
            return new TrustList(issuers, didKeyResolver);
        }
        catch (ArgumentException ex)
        {
            // A duplicate issuer or an unusable key is a defect of the document, reported as such.
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <summary>Loads a trust list from a file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="didKeyResolver">Resolves keys of DID issuers listed without keys.</param>
    /// <exception cref="FormatException">The document is not a valid trust list.</exception>
    public static TrustList Load(string path, IIssuerKeyResolver? didKeyResolver = null) => Parse(File.ReadAllText(path), didKeyResolver);

    /// <summary>Serializes the trust list in its file format.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, SafeJson.WriterOptions with { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("issuers");
            foreach (var entry in _entries.Values)
            {
                writer.WriteStartObject();
                writer.WriteString("issuer", entry.Issuer.Issuer);
                if (entry.Issuer.Name is not null)
                {
                    writer.WriteString("name", entry.Issuer.Name);
                }

                writer.WriteStartArray("keys");
                foreach (var key in entry.Issuer.Keys)
                {
                    key.WriteTo(writer);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("credential_types");
                foreach (var t in entry.Issuer.CredentialTypes)
                {
                    writer.WriteStringValue(t);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc />
    public ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Issuer is null || !_entries.TryGetValue(request.Issuer, out var entry))
        {
            return Fail(new VerificationError(TrustErrors.UntrustedIssuer, "The issuer is not on the trust list."));
        }

        if (entry.Keys.IsEmpty)
        {
            return _didKeys is null
                ? Fail(new VerificationError(TrustErrors.KeyNotFound, "The DID issuer has no listed keys and no DID resolver is configured."))
                : _didKeys.ResolveAsync(request, cancellationToken);
        }

        var kid = request.Jwt.KeyId;
        foreach (var key in entry.Keys)
        {
            if (kid is null || key.Jwk.Kid is null || string.Equals(kid, key.Jwk.Kid, StringComparison.Ordinal)
                || string.Equals(kid, key.Jwk.ComputeThumbprint(), StringComparison.Ordinal))
            {
                return ValueTask.FromResult(VerificationResult<VerificationKey>.Success(key));
            }
        }

        return Fail(new VerificationError(TrustErrors.KeyNotFound, "No key of the trusted issuer matches the JWT's 'kid'."));
    }

    /// <inheritdoc />
    public VerificationError? Authorize(string? issuer, string vct)
    {
        ArgumentNullException.ThrowIfNull(vct);
        if (issuer is null || !_entries.TryGetValue(issuer, out var entry))
        {
            return new VerificationError(TrustErrors.UntrustedIssuer, "The issuer is not on the trust list.");
        }

        foreach (var t in entry.Issuer.CredentialTypes)
        {
            if (t == "*" || string.Equals(t, vct, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return new VerificationError(TrustErrors.VctNotAllowed, "The issuer is not trusted for this credential type.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            foreach (var key in entry.Keys)
            {
                key.Dispose();
            }
        }
    }

    private static ValueTask<VerificationResult<VerificationKey>> Fail(VerificationError error)
        => ValueTask.FromResult(VerificationResult<VerificationKey>.Failure(error));

    private sealed record Entry(TrustedIssuer Issuer, ImmutableArray<VerificationKey> Keys);
}
