using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Credentials.Dids;
using Credentials.Internal;

namespace Credentials.Keys.Rotation;

/// <summary>
/// An issuer's keys over time: the next key, published before it signs so that verifiers' caches hold it when it
/// activates; the one active key; and retired keys, published until the credentials and Status List Tokens they
/// signed have expired. Each key's state comes from its dates and the injected <see cref="TimeProvider"/>, so the
/// set changes phase by itself; a rotation (<see cref="Rotate(IssuerKey, DateTimeOffset)"/>) makes a new set. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The signing periods tile time: sorted by activation, each key retires exactly when the next activates, the last
/// key has no retire date, and the first is active when the set is made. So exactly one key is active at any instant
/// from then on; a set with an overlap or a gap is refused when it is made.
/// </para>
/// <para>
/// Published (in <see cref="GetPublishedKeys()"/>, the JWT VC Issuer Metadata and the did:web document): every key
/// that is next, active or retired; a key past its retain-until is gone. Key ids are unique in a set, and every key
/// that can still sign has the same algorithm (issuers announce one algorithm; a new algorithm is a new issuer key set).
/// </para>
/// </remarks>
public sealed class IssuerKeySet
{
    private readonly RotatingSigner _signer;

    /// <summary>Creates a set.</summary>
    /// <param name="keys">The keys, in any order.</param>
    /// <param name="timeProvider">The clock deciding each key's state; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentException">
    /// No key; two keys share a key id; signing periods overlap or leave a gap; no key is active now; a key without its
    /// private part has not finished signing; or the keys that can still sign differ in algorithm.
    /// </exception>
    public IssuerKeySet(IEnumerable<IssuerKey> keys, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        TimeProvider = timeProvider ?? TimeProvider.System;
        var sorted = keys.Select(k => k ?? throw new ArgumentException("A key is null.", nameof(keys))).OrderBy(k => k.ActivatesAt).ToImmutableArray();
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("A key set needs at least one key.", nameof(keys));
        }

        if (sorted.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != sorted.Length)
        {
            throw new ArgumentException("Two keys share a key id; verifiers could not tell them apart.", nameof(keys));
        }

        for (var i = 0; i < sorted.Length - 1; i++)
        {
            var retires = sorted[i].RetiresAt;
            var next = sorted[i + 1].ActivatesAt;
            if (retires is null || retires > next)
            {
                throw new ArgumentException($"The signing periods of '{sorted[i].KeyId}' and '{sorted[i + 1].KeyId}' overlap: a key must retire exactly when the next activates.", nameof(keys));
            }

            if (retires < next)
            {
                throw new ArgumentException($"No key would sign between the retirement of '{sorted[i].KeyId}' and the activation of '{sorted[i + 1].KeyId}'.", nameof(keys));
            }
        }

        if (sorted[^1].RetiresAt is not null)
        {
            throw new ArgumentException($"No key would sign after '{sorted[^1].KeyId}' retires: add its successor first.", nameof(keys));
        }

        var now = TimeProvider.GetUtcNow();
        if (sorted[0].ActivatesAt > now)
        {
            throw new ArgumentException("No key is active now: the earliest key activates in the future.", nameof(keys));
        }

        foreach (var key in sorted)
        {
            if (key.Signer is null && (key.RetiresAt is not { } retired || retired > now))
            {
                throw new ArgumentException($"The key '{key.KeyId}' has no private part but has not finished signing.", nameof(keys));
            }
        }

        var algorithms = sorted.Where(k => k.Signer is not null && k.GetState(now) is IssuerKeyState.Next or IssuerKeyState.Active).Select(k => k.Signer!.Algorithm).Distinct().Count();
        if (algorithms != 1)
        {
            throw new ArgumentException("The active and next keys must sign with one algorithm.", nameof(keys));
        }

        Keys = sorted;
        Algorithm = sorted.First(k => k.Signer is not null && k.GetState(now) is IssuerKeyState.Active).Signer!.Algorithm;
        _signer = new RotatingSigner(this);
    }

    /// <summary>The keys, ordered by activation (gone keys included until <see cref="WithoutGoneKeys"/>).</summary>
    public ImmutableArray<IssuerKey> Keys { get; }

    /// <summary>The clock deciding each key's state.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The algorithm the active and next keys sign with.</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The key that signs now.</summary>
    public IssuerKey ActiveKey => GetActiveKey(TimeProvider.GetUtcNow());

    /// <summary>The signer of the key that signs now. Pass <see cref="Signer"/> to an issuer instead to follow the set as it changes phase.</summary>
    public ISigner ActiveSigner => ActiveKey.Signer!;

    /// <summary>
    /// A signer that always signs with the key active at signing time (and names it in the JWS <c>kid</c>), so an
    /// issuer built once keeps issuing across activations. The key id it reports changes with the key.
    /// </summary>
    public ISigner Signer => _signer;

    /// <summary>The key that signs at an instant.</summary>
    /// <param name="instant">The instant; not before the earliest key's activation.</param>
    /// <exception cref="InvalidOperationException">No key signs at that instant (it is before the set's first key).</exception>
    public IssuerKey GetActiveKey(DateTimeOffset instant)
    {
        for (var i = Keys.Length - 1; i >= 0; i--)
        {
            if (Keys[i].ActivatesAt <= instant)
            {
                // Signing periods tile time (checked when the set was made), so this key is the active one, unless it is public only.
                return Keys[i].Signer is not null ? Keys[i] : throw new InvalidOperationException("The key active at that instant has no private part.");
            }
        }

        throw new InvalidOperationException("No key of the set signs at that instant.");
    }

    /// <summary>Finds a key by its key id.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public IssuerKey? FindKey(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        foreach (var key in Keys)
        {
            if (string.Equals(key.KeyId, keyId, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The public keys to publish now: the active, next and retired keys (not the gone ones).</summary>
    public ImmutableArray<Jwk> GetPublishedKeys() => GetPublishedKeys(TimeProvider.GetUtcNow());

    /// <summary>The public keys to publish at an instant: the active, next and retired keys (not the gone ones).</summary>
    /// <param name="instant">The instant.</param>
    public ImmutableArray<Jwk> GetPublishedKeys(DateTimeOffset instant)
    {
        var builder = ImmutableArray.CreateBuilder<Jwk>(Keys.Length);
        foreach (var key in Keys)
        {
            if (key.GetState(instant) != IssuerKeyState.Gone)
            {
                builder.Add(key.PublicKey);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// The first instant after <paramref name="instant"/> at which a key changes state (activates, retires or is gone),
    /// or <see langword="null"/> when none is planned: how long what is published now may be cached.
    /// </summary>
    /// <param name="instant">The instant.</param>
    public DateTimeOffset? GetNextChange(DateTimeOffset instant)
    {
        DateTimeOffset? next = null;
        foreach (var key in Keys)
        {
            Consider(key.ActivatesAt);
            if (key.RetiresAt is { } retires)
            {
                Consider(retires);
            }

            if (key.RetainUntil is { } retain)
            {
                Consider(retain);
            }
        }

        return next;

        void Consider(DateTimeOffset candidate)
        {
            if (candidate > instant && (next is null || candidate < next))
            {
                next = candidate;
            }
        }
    }

    /// <summary>
    /// A new set in which <paramref name="next"/> takes over at its <see cref="IssuerKey.ActivatesAt"/>: the key that
    /// has no retire date yet retires then and stays published until <paramref name="retainCurrentUntil"/>. Publish
    /// the new set at once, well before the activation, so verifiers' caches take the next key in: the activation
    /// should be at least the metadata's cache lifetime (its HTTP <c>max-age</c>) ahead, or a credential signed by
    /// the new key can reach a verifier whose cached metadata does not list it yet. The overload with a minimum lead
    /// enforces that.
    /// </summary>
    /// <param name="next">The successor key, without retire date, activating at or after now.</param>
    /// <param name="retainCurrentUntil">Until when the retiring key is published: at or after the expiry of the last credential it signs (<see cref="IssuerKey.ComputeRetainUntil"/>).</param>
    /// <exception cref="ArgumentException">The successor activates in the past, has a retire date, or the resulting set is refused.</exception>
    public IssuerKeySet Rotate(IssuerKey next, DateTimeOffset retainCurrentUntil)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.ActivatesAt < TimeProvider.GetUtcNow())
        {
            throw new ArgumentException("The next key must activate now or later.", nameof(next));
        }

        if (next.RetiresAt is not null || next.Signer is null)
        {
            throw new ArgumentException("The next key must be able to sign and have no retire date.", nameof(next));
        }

        var current = Keys[^1];
        if (next.ActivatesAt <= current.ActivatesAt)
        {
            throw new ArgumentException("The next key must activate after the current last key.", nameof(next));
        }

        return new IssuerKeySet([.. Keys.RemoveAt(Keys.Length - 1), current.Retire(next.ActivatesAt, retainCurrentUntil), next], TimeProvider);
    }

    /// <summary>
    /// <see cref="Rotate(IssuerKey, DateTimeOffset)"/>, refusing a successor that activates less than
    /// <paramref name="minimumLead"/> from now: pass the metadata's cache lifetime (its HTTP <c>max-age</c>) so every
    /// verifier's cache lists the next key before it signs.
    /// </summary>
    /// <param name="next">The successor key, without retire date, activating at least <paramref name="minimumLead"/> from now.</param>
    /// <param name="retainCurrentUntil">Until when the retiring key is published (<see cref="IssuerKey.ComputeRetainUntil"/>).</param>
    /// <param name="minimumLead">The least time between now and the successor's activation; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLead"/> is negative.</exception>
    /// <exception cref="ArgumentException">The successor activates sooner than the lead, has a retire date, or the resulting set is refused.</exception>
    public IssuerKeySet Rotate(IssuerKey next, DateTimeOffset retainCurrentUntil, TimeSpan minimumLead)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLead, TimeSpan.Zero);
        if (next.ActivatesAt < TimeProvider.GetUtcNow() + minimumLead)
        {
            throw new ArgumentException("The next key must activate at least the minimum lead (the metadata's cache lifetime) from now.", nameof(next));
        }

        return Rotate(next, retainCurrentUntil);
    }

    /// <summary>A set without the keys that are gone now (their history is no longer needed).</summary>
    public IssuerKeySet WithoutGoneKeys()
    {
        var now = TimeProvider.GetUtcNow();
        var kept = Keys.Where(k => k.GetState(now) != IssuerKeyState.Gone).ToArray();
        return kept.Length == Keys.Length ? this : new IssuerKeySet(kept, TimeProvider);
    }

    /// <summary>Writes the JWK Set (RFC 7517 section 5) of the keys published now: <c>{"keys":[…]}</c>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteJwks(Utf8JsonWriter writer) => WriteJwks(writer, GetPublishedKeys());

    /// <summary>
    /// The JWT VC Issuer Metadata document (draft-ietf-oauth-sd-jwt-vc section 5.2) for the keys published now:
    /// <c>{"issuer":…,"jwks":{"keys":[…]}}</c>, UTF-8 JSON, to be served at
    /// <c>/.well-known/jwt-vc-issuer</c> inserted between the host and the path of <paramref name="issuer"/>.
    /// </summary>
    /// <param name="issuer">The issuer identifier: the <c>iss</c> of the credentials, an HTTPS URL.</param>
    /// <exception cref="ArgumentException"><paramref name="issuer"/> is not an HTTP(S) URL without query or fragment.</exception>
    public byte[] CreateJwtVcIssuerMetadata(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (Trust.JwtVcIssuerMetadataResolver.GetMetadataUri(issuer) is null)
        {
            throw new ArgumentException("The issuer identifier must be an HTTPS URL without query or fragment.", nameof(issuer));
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();

            // Section 5.2: 'issuer' MUST be identical to the iss of the credentials; the keys inline as 'jwks'.
            writer.WriteString("issuer", issuer);
            writer.WritePropertyName("jwks");
            WriteJwks(writer, GetPublishedKeys());
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The verification methods (<c>JsonWebKey</c>) of the keys published now, for the DID document of
    /// <paramref name="did"/>. Each method's id is its key's id, which must therefore be a DID URL of
    /// <paramref name="did"/> (for example <c>did:web:issuer.example.jp#key-2026</c>), so that it stays the same
    /// while keys come and go and the JWS <c>kid</c> dereferences to it.
    /// </summary>
    /// <param name="did">The DID (for example a did:web).</param>
    /// <exception cref="ArgumentException">A published key's id is not a DID URL of <paramref name="did"/> with a fragment.</exception>
    public ImmutableArray<VerificationMethod> CreateVerificationMethods(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        var prefix = did.Value + "#";
        var builder = ImmutableArray.CreateBuilder<VerificationMethod>();
        foreach (var key in GetPublishedKeys())
        {
            if (!key.Kid!.StartsWith(prefix, StringComparison.Ordinal) || key.Kid.Length == prefix.Length)
            {
                throw new ArgumentException($"The key id '{key.Kid}' is not a DID URL of {did.Value} with a fragment.", nameof(did));
            }

            builder.Add(VerificationMethod.CreateJsonWebKey(key.Kid, did, key));
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// A DID document (for example a did:web's <c>did.json</c>) holding the keys published now as
    /// <see cref="CreateVerificationMethods"/> gives them, each under <c>assertionMethod</c> and <c>authentication</c>
    /// (a next key too, so that a verifier whose cached document predates its activation still finds it).
    /// </summary>
    /// <param name="did">The DID.</param>
    /// <exception cref="ArgumentException">A published key's id is not a DID URL of <paramref name="did"/> with a fragment.</exception>
    public DidDocument CreateDidDocument(Did did)
    {
        var methods = CreateVerificationMethods(did);
        var references = methods.Select(m => VerificationMethodReference.To(m.Id)).ToArray();
        return new DidDocument
        {
            Context = [DidContexts.DidV1, DidContexts.JsonWebKey],
            Id = did.Value,
            VerificationMethod = methods,
            Authentication = references,
            AssertionMethod = references,
        };
    }

    private static void WriteJwks(Utf8JsonWriter writer, ImmutableArray<Jwk> keys)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        foreach (var key in keys)
        {
            key.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
