using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// One entry point for verifying an Open Badges 3.0 credential as a verifier receives it (section 5): a baked PNG or
/// SVG image, the JSON of a credential with an embedded proof, or a compact JWS. It recognises the form, extracts a
/// baked credential (<see cref="BakedBadgeReader"/>), verifies it with a <see cref="W3cCredentialVerifier"/> (the Data
/// Integrity proof, a <c>vc+jwt</c> or the Open Badges JWT form; the issuer's key; the data model; the validity period;
/// the Bitstring Status List entries), then checks the Open Badges model (<see cref="OpenBadgeCredential.From"/>) and
/// the 1EdTech JSON Schema (<see cref="OpenBadgeSchemaValidator"/>). Never throws for bad input: every failure is a
/// result with a stable code. Stateless and thread-safe.
/// </summary>
public sealed class OpenBadgeVerifier
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly OpenBadgeVerifierOptions _options;
    private readonly BakedBadgeReader _baked;
    private readonly W3cCredentialVerifier _credentials;

    /// <summary>Creates a verifier.</summary>
    /// <param name="didResolver">Resolves issuers' DIDs to their keys (did:key, did:jwk, did:web…).</param>
    /// <param name="options">Verification policy and limits; <see cref="OpenBadgeVerifierOptions.Default"/> when null.</param>
    /// <param name="statusLists">
    /// Finds verified status list credentials; without it, a credential with <c>credentialStatus</c> fails unless
    /// <see cref="W3cCredentialVerifierOptions.Status"/> is <see cref="StatusCheck.Skip"/>.
    /// </param>
    /// <exception cref="ArgumentException">An option is null or out of range.</exception>
    public OpenBadgeVerifier(DidResolver didResolver, OpenBadgeVerifierOptions? options = null, IBitstringStatusListResolver? statusLists = null)
    {
        ArgumentNullException.ThrowIfNull(didResolver);
        options ??= OpenBadgeVerifierOptions.Default;
        options.Validate(nameof(options));
        _options = options;
        _baked = new BakedBadgeReader(options.Baking);
        var credential = options.Credential.OpenBadgeJwt is null
            ? options.Credential with { OpenBadgeJwt = OpenBadgeJwtVerifierOptions.Default }
            : options.Credential;
        _credentials = new W3cCredentialVerifier(didResolver, credential, statusLists);
    }

    /// <summary>Verifies a badge given as bytes: a PNG or SVG image with a baked credential, JSON text, or a compact JWS.</summary>
    /// <param name="document">The bytes as received (text in UTF-8).</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    /// <returns>The verified credential, how it was found, and every check; or the first error.</returns>
    public ValueTask<OpenBadgeVerifierResult> VerifyAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default)
    {
        var span = document.Span;
        if (span.Length > _options.Baking.MaxImageBytes)
        {
            return ValueTask.FromResult(Failed(OpenBadgeVerifierFormat.Unrecognized, OpenBadgeBakingErrors.TooLarge, "The input is longer than the limit."));
        }

        if (PngBadge.HasSignature(span))
        {
            return VerifyBakedAsync(_baked.ReadPng(span), OpenBadgeVerifierFormat.BakedPng, cancellationToken);
        }

        if (SvgBadge.LooksLikeXml(span))
        {
            return VerifyBakedAsync(_baked.ReadSvg(span), OpenBadgeVerifierFormat.BakedSvg, cancellationToken);
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(span.StartsWith("\uFEFF"u8) ? span[3..] : span);
        }
        catch (DecoderFallbackException)
        {
            return ValueTask.FromResult(Failed(OpenBadgeVerifierFormat.Unrecognized, OpenBadgeBakingErrors.UnrecognizedFormat, "The input is neither an image nor UTF-8 text."));
        }

        return VerifyJsonOrJwsAsync(text, cancellationToken);
    }

    /// <summary>Verifies a badge given as text: JSON, a compact JWS, or an SVG image with a baked credential.</summary>
    /// <param name="document">The text as received.</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    /// <returns>The verified credential, how it was found, and every check; or the first error.</returns>
    public ValueTask<OpenBadgeVerifierResult> VerifyTextAsync(string document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Length > _options.Baking.MaxImageBytes)
        {
            return ValueTask.FromResult(Failed(OpenBadgeVerifierFormat.Unrecognized, OpenBadgeBakingErrors.TooLarge, "The input is longer than the limit."));
        }

        var trimmed = document.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] == '<')
        {
            byte[] utf8;
            try
            {
                utf8 = s_strictUtf8.GetBytes(document);
            }
            catch (EncoderFallbackException)
            {
                return ValueTask.FromResult(Failed(OpenBadgeVerifierFormat.BakedSvg, OpenBadgeBakingErrors.InvalidSvg, "The SVG text is not valid UTF-16."));
            }

            return VerifyAsync(utf8, cancellationToken);
        }

        return VerifyJsonOrJwsAsync(document, cancellationToken);
    }

    /// <summary>
    /// Verifies a badge read from a stream (an upload, a file): at most <see cref="BadgeBakingOptions.MaxImageBytes"/>
    /// are read; longer input fails with <see cref="OpenBadgeBakingErrors.TooLarge"/>.
    /// </summary>
    /// <param name="document">The stream, read to its end (or one byte past the limit); not closed.</param>
    /// <param name="cancellationToken">Cancels reading, key and status resolution.</param>
    /// <returns>The verified credential, how it was found, and every check; or the first error.</returns>
    public async ValueTask<OpenBadgeVerifierResult> VerifyStreamAsync(Stream document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var limit = _options.Baking.MaxImageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 64 * 1024) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return Failed(OpenBadgeVerifierFormat.Unrecognized, OpenBadgeBakingErrors.TooLarge, "The input is longer than the limit.");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)limit + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await document.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return Failed(OpenBadgeVerifierFormat.Unrecognized, OpenBadgeBakingErrors.TooLarge, "The input is longer than the limit.");
                }
            }

            return await VerifyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ValueTask<OpenBadgeVerifierResult> VerifyJsonOrJwsAsync(string text, CancellationToken cancellationToken)
    {
        var trimmed = text.AsSpan().Trim("\uFEFF \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return VerifyCredentialAsync(text, OpenBadgeVerifierFormat.Json, cancellationToken);
        }

        // Section 5.1: a VC-JWT is exchanged as the compact JWS string.
        if (BakedText.IsCompactJws(trimmed))
        {
            return VerifyCredentialAsync(trimmed.ToString(), OpenBadgeVerifierFormat.CompactJws, cancellationToken);
        }

        return ValueTask.FromResult(Failed(OpenBadgeVerifierFormat.Unrecognized, OpenBadgeBakingErrors.UnrecognizedFormat,
            "The input is neither a PNG or SVG image, JSON, nor a compact JWS."));
    }

    private ValueTask<OpenBadgeVerifierResult> VerifyBakedAsync(VerificationResult<BakedCredential> baked, OpenBadgeVerifierFormat format, CancellationToken cancellationToken)
        => baked.IsValid
            ? VerifyCredentialAsync(baked.Value.Text, format, cancellationToken)
            : ValueTask.FromResult(new OpenBadgeVerifierResult(null, baked.Error, format, null, []));

    private async ValueTask<OpenBadgeVerifierResult> VerifyCredentialAsync(string credential, OpenBadgeVerifierFormat format, CancellationToken cancellationToken)
    {
        var verified = await _credentials.VerifyAsync(credential, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            return new OpenBadgeVerifierResult(null, verified.Error, format, credential, verified.Checks);
        }

        // Section 9.1 (verification): the credential is an OpenBadgeCredential (type, contexts, issuer, subject) ...
        var badge = OpenBadgeCredential.From(verified.Value.Credential);
        if (!badge.IsValid)
        {
            return new OpenBadgeVerifierResult(null, badge.Error, format, credential, verified.Checks, model: CheckOutcome.Failed);
        }

        // ... and, step 1, it conforms to the 1EdTech JSON Schema.
        if (!_options.ValidateSchema)
        {
            return new OpenBadgeVerifierResult(verified.Value, null, format, credential, verified.Checks, badge.Value, CheckOutcome.Passed, CheckOutcome.NotChecked);
        }

        if (OpenBadgeSchemaValidator.Validate(badge.Value) is { } schemaError)
        {
            return new OpenBadgeVerifierResult(null, schemaError, format, credential, verified.Checks, model: CheckOutcome.Passed, schema: CheckOutcome.Failed);
        }

        return new OpenBadgeVerifierResult(verified.Value, null, format, credential, verified.Checks, badge.Value, CheckOutcome.Passed, CheckOutcome.Passed);
    }

    private static OpenBadgeVerifierResult Failed(OpenBadgeVerifierFormat format, ErrorCode code, string message)
        => new(null, new VerificationError(code, message), format, null, []);
}
