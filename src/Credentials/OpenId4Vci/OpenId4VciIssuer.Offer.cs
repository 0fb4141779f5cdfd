using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.OpenId4Vci;

/// <summary>
/// Offers served by reference are sealed at rest. An offer holds its Pre-Authorized Code (and <c>issuer_state</c>),
/// and with the code the Transaction Code digest SHA-256(code, PIN) of a short PIN is brute-forced at once; OpenID4VCI
/// 1.0 section 13.6.1 relies on the Transaction Code to stop a replayed Pre-Authorized Code, so the state store must
/// not reveal the code. The offer is therefore stored under SHA-256 of its id and encrypted with AES-256-GCM under a
/// key derived (HKDF-SHA-256) from the id, which only the <c>credential_offer_uri</c> holds (section 4.1.3): the store
/// alone yields neither a usable code nor a way into the PIN digest.
/// </summary>
public sealed partial class OpenId4VciIssuer
{
    private const string SealedOfferPrefix = "v1.";
    private const int SealNonceSize = 12;
    private const int SealTagSize = 16;

    /// <summary>The length of an offer id (<see cref="RandomToken"/>: 32 bytes, base64url).</summary>
    private const int LegacyOfferIdLength = 43;
    private static readonly byte[] OfferKeyInfo = Encoding.ASCII.GetBytes("credentials/openid4vci/credential-offer/v1");

    /// <summary>Stores an offer's JSON sealed under a key only its id can derive.</summary>
    private ValueTask<bool> StoreOfferAsync(string offerId, string offerJson, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var storeKey = Hash(offerId);
        return _store.TryAddAsync(OfferKind, storeKey, SealOffer(offerId, storeKey, offerJson), expiresAt, cancellationToken);
    }

    private async ValueTask<string?> ReadOfferAsync(string offerId, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var storeKey = Hash(offerId);
        var sealedOffer = await _store.TryGetAsync(OfferKind, storeKey, now, cancellationToken).ConfigureAwait(false);
        if (sealedOffer is not null)
        {
            return OpenOffer(offerId, storeKey, sealedOffer);
        }

        // Offers written before sealing were kept in clear under the id itself; they are served until they expire.
        // Only a plain JSON object counts, so a digest key of a sealed offer sent as an id finds nothing.
        if (offerId.Length != LegacyOfferIdLength)
        {
            return null;
        }

        var legacy = await _store.TryGetAsync(OfferKind, offerId, now, cancellationToken).ConfigureAwait(false);
        return legacy is not null && legacy.StartsWith('{') ? legacy : null;
    }

    internal static string SealOffer(string offerId, string storeKey, string offerJson)
    {
        var plaintext = Encoding.UTF8.GetBytes(offerJson);
        var sealedBytes = new byte[SealNonceSize + plaintext.Length + SealTagSize];
        var nonce = sealedBytes.AsSpan(0, SealNonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveOfferKey(offerId, key);
            using var aes = new AesGcm(key, SealTagSize);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(SealNonceSize, plaintext.Length), sealedBytes.AsSpan(SealNonceSize + plaintext.Length), Encoding.ASCII.GetBytes(storeKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return SealedOfferPrefix + System.Buffers.Text.Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>Opens a sealed offer; <see langword="null"/> when it is not one or fails authentication (wrong id, altered value).</summary>
    internal static string? OpenOffer(string offerId, string storeKey, string sealedOffer)
    {
        if (!sealedOffer.StartsWith(SealedOfferPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = System.Buffers.Text.Base64Url.DecodeFromChars(sealedOffer.AsSpan(SealedOfferPrefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < SealNonceSize + SealTagSize)
        {
            return null;
        }

        var length = sealedBytes.Length - SealNonceSize - SealTagSize;
        var plaintext = new byte[length];
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveOfferKey(offerId, key);
            using var aes = new AesGcm(key, SealTagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, SealNonceSize), sealedBytes.AsSpan(SealNonceSize, length), sealedBytes.AsSpan(SealNonceSize + length), plaintext, Encoding.ASCII.GetBytes(storeKey));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>HKDF-SHA-256 (RFC 5869) of the offer id, which carries 256 random bits: no salt needed.</summary>
    private static void DeriveOfferKey(string offerId, Span<byte> key)
        => HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(offerId), key, ReadOnlySpan<byte>.Empty, OfferKeyInfo);
}
