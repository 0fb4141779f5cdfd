using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.SdJwt;

/// <summary>
/// The holder's side of RFC 9901 (sections 5.2 and 4.3): list what an issued SD-JWT can disclose, present a chosen
/// subset (a nested claim brings the disclosures it depends on), and add a Key Binding JWT.
/// Stateless and thread-safe.
/// </summary>
public sealed class SdJwtHolder
{
    private readonly SdJwtHolderOptions _options;

    /// <summary>Creates a holder.</summary>
    /// <param name="options">Options; defaults when omitted.</param>
    public SdJwtHolder(SdJwtHolderOptions? options = null)
    {
        _options = options ?? new SdJwtHolderOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.Limits, nameof(options));
        _options.Limits.Validate(nameof(options));
    }

    /// <summary>
    /// Works out where each disclosure of an issued SD-JWT sits. Checks the disclosures against the payload the way a
    /// verifier would (the issuer's signature is not checked here). Never throws for bad input.
    /// </summary>
    /// <param name="sdJwt">The issued SD-JWT.</param>
    public VerificationResult<ImmutableArray<DisclosableClaim>> GetDisclosableClaims(SdJwtToken sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var placed = Place(sdJwt);
        if (!placed.IsValid)
        {
            return placed.Error;
        }

        var builder = ImmutableArray.CreateBuilder<DisclosableClaim>(sdJwt.Disclosures.Length);
        for (var i = 0; i < sdJwt.Disclosures.Length; i++)
        {
            var p = placed.Value[i]!;
            builder.Add(new DisclosableClaim(p.Path, sdJwt.Disclosures[i], p.Parent < 0 ? null : placed.Value[p.Parent]!.Path));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// Keeps only the disclosures needed to reveal the selected claims: for each path, the disclosures on the way to
    /// it and everything beneath it. Plaintext claims are always visible and need no selection.
    /// </summary>
    /// <param name="issued">The issued SD-JWT.</param>
    /// <param name="selection">The claims to disclose (a <see langword="null"/> component selects every array element).</param>
    /// <returns>The SD-JWT to present, without a Key Binding JWT.</returns>
    public VerificationResult<SdJwtToken> Select(SdJwtToken issued, IEnumerable<ClaimPath> selection)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(selection);
        var selected = new List<ClaimPath>(selection);
        var placed = Place(issued);
        if (!placed.IsValid)
        {
            return placed.Error;
        }

        var keep = new List<Disclosure>();
        for (var i = 0; i < issued.Disclosures.Length; i++)
        {
            var path = placed.Value[i]!.Path;
            foreach (var s in selected)
            {
                // The selection is an ancestor of this disclosure (reveal the subtree) or a descendant (reveal the way).
                if (s.MatchesPrefixOf(path, out _))
                {
                    keep.Add(issued.Disclosures[i]);
                    break;
                }
            }
        }

        return issued.WithDisclosures(keep);
    }

    /// <summary>Presents the selected claims with a Key Binding JWT signed by the holder's key.</summary>
    /// <param name="issued">The issued SD-JWT.</param>
    /// <param name="selection">The claims to disclose.</param>
    /// <param name="keyBinding">The verifier's audience and nonce, taken from its request.</param>
    /// <param name="holderSigner">The holder's key (the one in <c>cnf</c>).</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The SD-JWT+KB, or why the issued SD-JWT cannot be presented.</returns>
    /// <exception cref="ArgumentException">The audience or nonce is null, empty or blank.</exception>
    public async ValueTask<VerificationResult<SdJwtToken>> PresentAsync(SdJwtToken issued, IEnumerable<ClaimPath> selection, KeyBindingInput keyBinding, ISigner holderSigner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyBinding);
        ArgumentNullException.ThrowIfNull(holderSigner);
        CheckKeyBindingInput(keyBinding);
        var selected = Select(issued, selection);
        if (!selected.IsValid)
        {
            return selected.Error;
        }

        var kb = await CreateKeyBindingJwtAsync(selected.Value, keyBinding, holderSigner, cancellationToken).ConfigureAwait(false);
        return selected.Value.WithKeyBindingJwt(kb);
    }

    /// <summary>
    /// Creates a Key Binding JWT (RFC 9901 section 4.3) for a presentation: <c>typ</c> <c>kb+jwt</c>, <c>iat</c> now,
    /// <c>aud</c> and <c>nonce</c> from the verifier, <c>sd_hash</c> over the exact presented string.
    /// </summary>
    /// <param name="presentation">The SD-JWT as it will be presented (without a KB-JWT).</param>
    /// <param name="keyBinding">The verifier's audience and nonce.</param>
    /// <param name="holderSigner">The holder's key.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <exception cref="ArgumentException">The audience or nonce is null, empty or blank.</exception>
    public async ValueTask<string> CreateKeyBindingJwtAsync(SdJwtToken presentation, KeyBindingInput keyBinding, ISigner holderSigner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(keyBinding);
        ArgumentNullException.ThrowIfNull(holderSigner);
        CheckKeyBindingInput(keyBinding);
        var hashAlgorithm = ReadHashAlgorithm(presentation) ?? SdHashAlgorithm.Sha256;
        var sdHash = presentation.ComputeSdHash(hashAlgorithm);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("nonce", keyBinding.Nonce);
            writer.WriteString("aud", keyBinding.Audience);
            writer.WriteNumber("iat", _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
            writer.WriteString("sd_hash", sdHash);
            writer.WriteEndObject();
        }

        return await JwsWriter.SignCompactAsync(holderSigner, buffer.WrittenMemory, SdJwtVerifier.KeyBindingJwtType, null, cancellationToken).ConfigureAwait(false);
    }

    // RFC 9901 section 4.3: aud and nonce bind the KB-JWT to one verifier and one transaction; a KB-JWT without them
    // (empty or blank) could be replayed anywhere, so the holder never signs one. An empty value is a caller's bug.
    private static void CheckKeyBindingInput(KeyBindingInput keyBinding)
    {
        if (string.IsNullOrWhiteSpace(keyBinding.Audience))
        {
            throw new ArgumentException("The key binding audience must not be null, empty or blank.", nameof(keyBinding));
        }

        if (string.IsNullOrWhiteSpace(keyBinding.Nonce))
        {
            throw new ArgumentException("The key binding nonce must not be null, empty or blank.", nameof(keyBinding));
        }
    }

    private static SdHashAlgorithm? ReadHashAlgorithm(SdJwtToken sdJwt)
    {
        if ((sdJwt.KnownHashAlgorithm ?? sdJwt.Analysis?.HashAlgorithm) is { } known)
        {
            return known;
        }

        var jws = Jws.ReadCompact(sdJwt.IssuerSignedJwt);
        if (!jws.IsValid)
        {
            return null;
        }

        var payload = jws.Value.ParsePayload();
        return payload.IsValid && payload.Value.TryGetString("_sd_alg", out var name) && SdHashAlgorithm.TryGet(name, out var algorithm) ? algorithm : null;
    }

    /// <summary>
    /// The holder's view of an issued SD-JWT: the processed payload with every disclosure applied (RFC 9901 section 7.1
    /// steps 3 to 5, so every disclosure is checked against the payload), without the issuer's signature being checked
    /// and without any network access.
    /// </summary>
    /// <param name="sdJwt">The issued SD-JWT.</param>
    public VerificationResult<JsonElement> GetClaims(SdJwtToken sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var buffer = new ArrayBufferWriter<byte>(sdJwt.IssuerSignedJwt.Length);
        var placed = Place(sdJwt, buffer, out _);
        if (!placed.IsValid)
        {
            return placed.Error;
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    // Reading an issued SD-JWT is the same work every time it is presented, so the outcome is kept on the (immutable)
    // instance, for the limits it was read with.
    private VerificationResult<DisclosurePlacement?[]> Place(SdJwtToken sdJwt)
    {
        var analysis = sdJwt.Analysis;
        if (analysis is null || !ReferenceEquals(analysis.Limits, _options.Limits))
        {
            var placements = Place(sdJwt, null, out var hashAlgorithm);
            sdJwt.Analysis = analysis = new HolderAnalysis(_options.Limits, placements, hashAlgorithm);
        }

        return analysis.Placements;
    }

    private VerificationResult<DisclosurePlacement?[]> Place(SdJwtToken sdJwt, IBufferWriter<byte>? output, out SdHashAlgorithm? hashAlgorithmRead)
    {
        hashAlgorithmRead = null;
        var jws = Jws.ReadCompact(sdJwt.IssuerSignedJwt, new JwsReaderOptions { MaxTokenLength = _options.Limits.MaxLength, MaxJsonDepth = _options.Limits.MaxDepth });
        if (!jws.IsValid)
        {
            return jws.Error;
        }

        var payload = jws.Value.ParsePayload();
        if (!payload.IsValid)
        {
            return payload.Error;
        }

        var hashAlgorithm = SdHashAlgorithm.Sha256;
        if (payload.Value.TryGetProperty("_sd_alg", out var alg) && (alg.ValueKind != JsonValueKind.String || !SdHashAlgorithm.TryGet(alg.GetString(), out hashAlgorithm)))
        {
            return new VerificationError(SdJwtErrors.UnsupportedHashAlgorithm, "'_sd_alg' does not name a supported hash algorithm.");
        }

        hashAlgorithmRead = hashAlgorithm;
        using var writer = output is null ? new Utf8JsonWriter(Stream.Null) : new Utf8JsonWriter(output, SafeJson.WriterOptions);
        var error = PayloadProcessor.Process(payload.Value, sdJwt.Disclosures, hashAlgorithm, _options.Limits.MaxDepth, writer, out var placements);
        writer.Flush();
        return error is null ? placements : error;
    }
}

/// <summary>A claim the holder may disclose: its path, its disclosure, and the path of the disclosure it sits in, if any.</summary>
/// <param name="Path">The claim path.</param>
/// <param name="Disclosure">The disclosure that reveals it.</param>
/// <param name="ParentPath">The path of the enclosing disclosable claim, or <see langword="null"/> when it sits in the Issuer-signed payload.</param>
public sealed record DisclosableClaim(ClaimPath Path, Disclosure Disclosure, ClaimPath? ParentPath);

/// <summary>What the verifier asked the holder to bind a presentation to.</summary>
/// <param name="Audience">The verifier's identifier, for <c>aud</c>.</param>
/// <param name="Nonce">The verifier's fresh nonce, for <c>nonce</c>.</param>
public sealed record KeyBindingInput(string Audience, string Nonce);

/// <summary>Options for <see cref="SdJwtHolder"/>.</summary>
public sealed record SdJwtHolderOptions
{
    /// <summary>The clock for the KB-JWT <c>iat</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Limits for reading issued SD-JWTs.</summary>
    public SdJwtReaderOptions Limits { get; init; } = SdJwtReaderOptions.Default;
}
