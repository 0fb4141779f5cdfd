using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Keys.Rotation;

/// <summary>
/// An <see cref="ISigner"/> that signs with the active key of an <see cref="IssuerKeySet"/> at signing time, so issuers
/// built once (<c>SdJwtVcIssuer</c>, <c>StatusListTokenIssuer</c>, the OpenID4VCI issuer) take a rotation unchanged.
/// <see cref="KeyId"/> changes with the active key. Thread-safe.
/// </summary>
/// <remarks>
/// A JWS header is encoded from <see cref="Algorithm"/> and <see cref="KeyId"/> before <see cref="SignAsync"/> is called,
/// and an activation may fall in between. So when the signing input is a JWS signing input whose header names a
/// <c>kid</c> of the set, that key signs (if it is active, or retired less than a minute ago), so the signature always
/// matches the header's <c>kid</c>. Any other input (a COSE or Data Integrity signing input) is signed by the key active now.
/// </remarks>
public sealed class RotatingSigner : ISigner
{
    /// <summary>
    /// How long after its retirement a key still signs a JWS whose header (its <c>kid</c>) was written while it was
    /// active: one minute. <see cref="IssuerKey.ComputeRetainUntil"/> adds it, so a credential signed in this grace stays
    /// verifiable until its expiry.
    /// </summary>
    public static TimeSpan RetiredKeySigningGrace { get; } = TimeSpan.FromMinutes(1);

    private readonly Func<IssuerKeySet> _keys;

    /// <summary>Creates a signer over a key set that may be replaced while it runs (a rotation makes a new set).</summary>
    /// <param name="keys">Returns the current key set; called for every property read and signature, so keep it cheap.</param>
    public RotatingSigner(Func<IssuerKeySet> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>Creates a signer over a fixed key set (it still changes key as the set changes phase).</summary>
    /// <param name="keys">The key set.</param>
    public RotatingSigner(IssuerKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = () => keys;
    }

    /// <inheritdoc />
    public JwsAlgorithm Algorithm => Current.Algorithm;

    /// <summary>The key id of the key active now.</summary>
    public string? KeyId => Current.ActiveKey.KeyId;

    private IssuerKeySet Current => _keys() ?? throw new InvalidOperationException("The key set source returned null.");

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The JWS header names a key of the set that is not active (nor just retired) now, or another algorithm.</exception>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        var set = Current;
        var now = set.TimeProvider.GetUtcNow();
        var key = set.GetActiveKey(now);
        if (TryReadJwsHeader(signingInput.Span, out var kid, out var alg) && kid is not null && !string.Equals(kid, key.KeyId, StringComparison.Ordinal) && set.FindKey(kid) is { } named)
        {
            var usable = named.Signer is not null && named.GetState(now) switch
            {
                IssuerKeyState.Active => true,
                IssuerKeyState.Retired => now - named.RetiresAt!.Value <= RetiredKeySigningGrace,
                _ => false,
            };
            if (!usable)
            {
                throw new InvalidOperationException("The JWS header names a key of the set that does not sign now.");
            }

            key = named;
        }

        var signer = key.Signer!;
        if (alg is not null && !string.Equals(alg, signer.Algorithm.Name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The JWS header names another algorithm than the signing key's.");
        }

        return signer.SignAsync(signingInput, cancellationToken);
    }

    /// <summary>Reads <c>kid</c> and <c>alg</c> from the header of a JWS signing input (<c>BASE64URL(header) '.' …</c>).</summary>
    internal static bool TryReadJwsHeader(ReadOnlySpan<byte> signingInput, out string? kid, out string? alg)
    {
        kid = null;
        alg = null;
        var dot = signingInput.IndexOf((byte)'.');
        if (dot <= 0 || dot > 8192 || !Base64Url.IsValid(signingInput[..dot], out var length))
        {
            return false;
        }

        var header = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (Base64Url.DecodeFromUtf8(signingInput[..dot], header, out _, out var written) != OperationStatus.Done || written == 0 || header[0] != (byte)'{')
            {
                return false;
            }

            var reader = new Utf8JsonReader(header.AsSpan(0, written), new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKid = reader.ValueTextEquals("kid"u8);
                var isAlg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if ((isKid || isAlg) && reader.TokenType == JsonTokenType.String)
                {
                    if (isKid)
                    {
                        kid = reader.GetString();
                    }
                    else
                    {
                        alg = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"RotatingSigner(kid={KeyId})";
}
