using System;

namespace Credentials.Keys.Rotation;

/// <summary>
/// One key of an <see cref="IssuerKeySet"/>: its signer (or only its public key, once the private part is destroyed)
/// and the dates that decide its <see cref="IssuerKeyState"/>: it signs from <see cref="ActivatesAt"/> until
/// <see cref="RetiresAt"/> and is published until <see cref="RetainUntil"/>. Immutable.
/// </summary>
public sealed class IssuerKey
{
    /// <summary>Creates a key that can sign.</summary>
    /// <param name="signer">The signer; its <see cref="ISigner.KeyId"/> is the <c>kid</c> of what it signs and of the published key.</param>
    /// <param name="publicKey">The signer's public key (a <c>kid</c> in it, if any, must be the signer's).</param>
    /// <param name="activatesAt">When it starts signing; until then it is <see cref="IssuerKeyState.Next"/>.</param>
    /// <param name="retiresAt">When it stops signing, or <see langword="null"/> while no successor is planned.</param>
    /// <param name="retainUntil">When it stops being published (at or after <paramref name="retiresAt"/>; see <see cref="ComputeRetainUntil"/>); given exactly when <paramref name="retiresAt"/> is.</param>
    /// <exception cref="ArgumentException">The signer has no key id, the public key is private or another key's, or the dates are out of order.</exception>
    public IssuerKey(ISigner signer, Jwk publicKey, DateTimeOffset activatesAt, DateTimeOffset? retiresAt = null, DateTimeOffset? retainUntil = null)
        : this(publicKey, signer ?? throw new ArgumentNullException(nameof(signer)), activatesAt, retiresAt, retainUntil)
    {
    }

    /// <summary>
    /// Creates a key whose private part is gone: only published, for what it signed before <paramref name="retiresAt"/>.
    /// An <see cref="IssuerKeySet"/> refuses it while its signing period is not over.
    /// </summary>
    /// <param name="publicKey">The public key, with its <c>kid</c>.</param>
    /// <param name="activatesAt">When it started signing.</param>
    /// <param name="retiresAt">When it stopped signing.</param>
    /// <param name="retainUntil">When it stops being published (at or after <paramref name="retiresAt"/>).</param>
    /// <exception cref="ArgumentException">The key is private or has no <c>kid</c>, or the dates are out of order.</exception>
    public IssuerKey(Jwk publicKey, DateTimeOffset activatesAt, DateTimeOffset retiresAt, DateTimeOffset retainUntil)
        : this(publicKey, null, activatesAt, retiresAt, retainUntil)
    {
    }

    private IssuerKey(Jwk publicKey, ISigner? signer, DateTimeOffset activatesAt, DateTimeOffset? retiresAt, DateTimeOffset? retainUntil)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.HasPrivateKey)
        {
            throw new ArgumentException("A published key must not hold its private part.", nameof(publicKey));
        }

        var keyId = signer is null ? publicKey.Kid : signer.KeyId;
        if (string.IsNullOrEmpty(keyId))
        {
            throw new ArgumentException("A key of a rotating set needs a key id: verifiers pick the key by the JWS 'kid'.", signer is null ? nameof(publicKey) : nameof(signer));
        }

        if (publicKey.Kid is not null && !string.Equals(publicKey.Kid, keyId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The public key's 'kid' is not the signer's key id.", nameof(publicKey));
        }

        if (signer is not null && (publicKey.Kty != signer.Algorithm.KeyType || !signer.Algorithm.IsCompatibleWithCurve(publicKey.Crv)))
        {
            throw new ArgumentException($"The public key does not fit the signer's algorithm {signer.Algorithm.Name}.", nameof(publicKey));
        }

        if (retiresAt is null != retainUntil is null)
        {
            throw new ArgumentException("A retiring key needs both its retire date and its retain-until date.", nameof(retainUntil));
        }

        if (retiresAt is { } retires && retires <= activatesAt)
        {
            throw new ArgumentException("A key must retire after it activates.", nameof(retiresAt));
        }

        if (retiresAt is { } r && retainUntil is { } retain && retain < r)
        {
            throw new ArgumentException("A key must stay published at least until it retires.", nameof(retainUntil));
        }

        Signer = signer;
        PublicKey = publicKey with { Kid = keyId };
        KeyId = keyId;
        ActivatesAt = activatesAt;
        RetiresAt = retiresAt;
        RetainUntil = retainUntil;
    }

    /// <summary>The key id: the JWS <c>kid</c> and the published key's <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The public key as published (with <see cref="KeyId"/> as <c>kid</c>).</summary>
    public Jwk PublicKey { get; }

    /// <summary>The signer, or <see langword="null"/> when the private part is gone.</summary>
    public ISigner? Signer { get; }

    /// <summary>When the key starts signing.</summary>
    public DateTimeOffset ActivatesAt { get; }

    /// <summary>When the key stops signing, or <see langword="null"/> while no successor is planned.</summary>
    public DateTimeOffset? RetiresAt { get; }

    /// <summary>When the key stops being published, or <see langword="null"/> while it has not been retired.</summary>
    public DateTimeOffset? RetainUntil { get; }

    /// <summary>The key's state at an instant.</summary>
    /// <param name="instant">The instant.</param>
    public IssuerKeyState GetState(DateTimeOffset instant)
        => instant < ActivatesAt ? IssuerKeyState.Next
        : RetiresAt is not { } retires || instant < retires ? IssuerKeyState.Active
        : instant < RetainUntil!.Value ? IssuerKeyState.Retired
        : IssuerKeyState.Gone;

    /// <summary>
    /// The earliest safe retain-until of a key that retires at <paramref name="retiresAt"/>: the expiry of the last
    /// credential (and Status List Token) it can sign, that is the retire date plus
    /// <see cref="RotatingSigner.RetiredKeySigningGrace"/> (a JWS whose header was written before the retirement is
    /// still signed then) plus the longest lifetime, plus the verifiers' clock skew.
    /// </summary>
    /// <param name="retiresAt">When the key stops signing.</param>
    /// <param name="credentialLifetime">The longest lifetime (<c>exp</c> − <c>iat</c>) of the credentials it signs.</param>
    /// <param name="statusListTokenLifetime">The lifetime of the Status List Tokens it signs, if it signs any.</param>
    /// <param name="clockSkew">The clock skew verifiers allow past <c>exp</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A lifetime or the skew is negative.</exception>
    public static DateTimeOffset ComputeRetainUntil(DateTimeOffset retiresAt, TimeSpan credentialLifetime, TimeSpan statusListTokenLifetime = default, TimeSpan clockSkew = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(credentialLifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusListTokenLifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockSkew, TimeSpan.Zero);
        var longest = credentialLifetime > statusListTokenLifetime ? credentialLifetime : statusListTokenLifetime;
        return retiresAt + RotatingSigner.RetiredKeySigningGrace + longest + clockSkew;
    }

    /// <summary>This key, retiring at <paramref name="retiresAt"/> and published until <paramref name="retainUntil"/>.</summary>
    /// <param name="retiresAt">When it stops signing.</param>
    /// <param name="retainUntil">When it stops being published.</param>
    /// <exception cref="ArgumentException">The dates are out of order.</exception>
    public IssuerKey Retire(DateTimeOffset retiresAt, DateTimeOffset retainUntil)
        => new(PublicKey, Signer, ActivatesAt, retiresAt, retainUntil);

    /// <inheritdoc />
    public override string ToString() => $"IssuerKey(kid={KeyId}, activates {ActivatesAt:O}{(RetiresAt is { } r ? $", retires {r:O}, retained until {RetainUntil:O}" : string.Empty)}{(Signer is null ? ", public only" : string.Empty)})";
}
