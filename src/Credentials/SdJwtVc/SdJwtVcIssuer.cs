using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Diagnostics;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;

namespace Credentials.SdJwtVc;

/// <summary>
/// Issues SD-JWT VCs (draft-ietf-oauth-sd-jwt-vc-25 section 3): <c>typ</c> <c>dc+sd-jwt</c>, the registered claims
/// always in plaintext, the credential's own claims disclosable as described. Stateless and thread-safe.
/// </summary>
public sealed class SdJwtVcIssuer
{
    private readonly SdJwtVcIssuerOptions _options;
    private readonly SdJwtIssuer _issuer;

    /// <summary>Creates an issuer.</summary>
    /// <param name="signer">The issuer's signer.</param>
    /// <param name="options">Options.</param>
    /// <exception cref="ArgumentException">An option is null or out of range, or the certificate chain does not fit the signer or the issuer (see <see cref="SdJwtVcIssuerOptions.CertificateChain"/>).</exception>
    public SdJwtVcIssuer(ISigner signer, SdJwtVcIssuerOptions? options = null)
    {
        options ??= new SdJwtVcIssuerOptions();
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.HashAlgorithm, nameof(options));
        ArgumentNullException.ThrowIfNull(options.SaltGenerator, nameof(options));

        // Every option is checked here, so that none can make issuance throw later (for example an overflowing expiry).
        if (options.DefaultValidity is { } validity && (validity <= TimeSpan.Zero || validity > MaxDefaultValidity))
        {
            throw new ArgumentException($"DefaultValidity must be positive and at most {MaxDefaultValidity.TotalDays} days.", nameof(options));
        }

        if (options.IssuedAtPrecision is { } precision
            && (precision < TimeSpan.FromSeconds(1) || precision > SdJwtVcIssuerOptions.MaxIssuedAtBlur || precision.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentException("IssuedAtPrecision must be a whole number of seconds from one second to 366 days.", nameof(options));
        }

        if (options.IssuedAtRandomization is { } window && (window < TimeSpan.Zero || window > SdJwtVcIssuerOptions.MaxIssuedAtBlur))
        {
            throw new ArgumentException("IssuedAtRandomization must be between zero and 366 days.", nameof(options));
        }

        _options = options;
        _issuer = new SdJwtIssuer(
            signer,
            options: new SdJwtIssuerOptions
            {
                HashAlgorithm = options.HashAlgorithm,
                SaltGenerator = options.SaltGenerator,
                Type = SdJwtVcClaimNames.MediaType,
                ExtraHeaders = options.CertificateChain is null ? options.ExtraHeaders : WithX5c(signer, options),
            });
    }

    private static Dictionary<string, JsonNode?> WithX5c(ISigner signer, SdJwtVcIssuerOptions options)
    {
        var chain = options.CertificateChain!;
        if (!chain.LeafMatches(signer))
        {
            throw new ArgumentException("The certificate chain's leaf key is not the signer's public key, or the signer does not reveal its key (IPublicKeySigner; a rotating signer never matches a fixed chain).", nameof(options));
        }

        // draft-ietf-oauth-sd-jwt-vc-25 section 3.5: with x5c, the Issuer is the leaf certificate's subject; a verifier
        // matches iss against its subject alternative names, so an iss the certificate does not name would never verify.
        if (options.Issuer is not null && !X509IssuerKeyResolver.IssuerMatches(chain.Leaf, options.Issuer))
        {
            throw new ArgumentException("The issuer (iss) is not a subject alternative name (URI, or DNS name of an HTTPS issuer) of the leaf certificate.", nameof(options));
        }

        var headers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (options.ExtraHeaders is not null)
        {
            foreach (var (name, value) in options.ExtraHeaders)
            {
                if (string.Equals(name, "x5c", StringComparison.Ordinal))
                {
                    throw new ArgumentException("Set x5c through CertificateChain or ExtraHeaders, not both.", nameof(options));
                }

                headers[name] = value?.DeepClone();
            }
        }

        var certificates = chain.ToX5c();
        var entries = new JsonNode?[certificates.Length];
        for (var i = 0; i < certificates.Length; i++)
        {
            entries[i] = JsonValue.Create(certificates[i]);
        }

        headers["x5c"] = new JsonArray(entries);
        return headers;
    }

    /// <summary>The longest <see cref="SdJwtVcIssuerOptions.DefaultValidity"/> accepted: 100 years.</summary>
    public static TimeSpan MaxDefaultValidity { get; } = TimeSpan.FromDays(36525);

    /// <summary>Issues one credential.</summary>
    /// <param name="issuance">What to issue.</param>
    /// <param name="cancellationToken">Cancels remote signing.</param>
    /// <returns>The issued SD-JWT VC with all its disclosures.</returns>
    /// <exception cref="ArgumentException">The claims contain a registered claim, or the expiry precedes the start.</exception>
    public ValueTask<SdJwtToken> IssueAsync(SdJwtVcIssuance issuance, CancellationToken cancellationToken = default)
        => Telemetry.IssuanceObserved ? IssueObservedAsync(issuance, cancellationToken) : IssueUnobservedAsync(issuance, cancellationToken);

    /// <summary>Issues without telemetry: for a caller (the OpenID4VCI issuer) that counts what it hands out itself.</summary>
    internal ValueTask<SdJwtToken> IssueUnobservedAsync(SdJwtVcIssuance issuance, CancellationToken cancellationToken)
        => _issuer.IssueAsync(BuildPayload(issuance), issuance.HolderKey, cancellationToken);

    private async ValueTask<SdJwtToken> IssueObservedAsync(SdJwtVcIssuance issuance, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(Telemetry.SdJwtVcIssueActivity, ActivityKind.Internal);
        try
        {
            var token = await IssueUnobservedAsync(issuance, cancellationToken).ConfigureAwait(false);
            Telemetry.RecordIssued(Telemetry.SdJwtVcFormat, null, issuance.Vct, 1);
            return token;
        }
        catch (Exception ex)
        {
            Telemetry.Fail(activity, ex);
            throw;
        }
    }

    internal SdObject BuildPayload(SdJwtVcIssuance issuance)
    {
        ArgumentNullException.ThrowIfNull(issuance);
        ArgumentException.ThrowIfNullOrEmpty(issuance.Vct);
        ArgumentNullException.ThrowIfNull(issuance.Claims);
        foreach (var name in new[] { SdJwtVcClaimNames.Iss, SdJwtVcClaimNames.Iat, SdJwtVcClaimNames.Nbf, SdJwtVcClaimNames.Exp, SdJwtVcClaimNames.Cnf, SdJwtVcClaimNames.Vct, SdJwtVcClaimNames.VctIntegrity, SdJwtVcClaimNames.Status, SdJwtVcClaimNames.Sub })
        {
            // Section 3.2.2.2: these are never selectively disclosable; the issuer sets them itself, in plaintext.
            if (issuance.Claims.Contains(name))
            {
                throw new ArgumentException($"'{name}' is a registered claim: set it through {nameof(SdJwtVcIssuance)}, not in Claims.", nameof(issuance));
            }
        }

        // iat may be blurred (rounded down, then moved back at random) so that a batch does not share one second; the
        // default expiry counts from the written iat, so it does not give the batch away either.
        var now = IssuedAt(_options.TimeProvider.GetUtcNow());
        var expiresAt = issuance.ExpiresAt ?? (_options.DefaultValidity is { } validity ? SaturatingTime.Add(now, validity) : null);
        if (expiresAt is { } e && issuance.NotBefore is { } n && e <= n)
        {
            throw new ArgumentException("The expiry must be after the start of validity.", nameof(issuance));
        }

        var payload = SdJwtPayload.Create();
        if (_options.Issuer is not null)
        {
            payload.Claim(SdJwtVcClaimNames.Iss, _options.Issuer);
        }

        payload.Claim(SdJwtVcClaimNames.Iat, now.ToUnixTimeSeconds());
        if (issuance.NotBefore is { } nbf)
        {
            payload.Claim(SdJwtVcClaimNames.Nbf, nbf.ToUnixTimeSeconds());
        }

        if (expiresAt is { } exp)
        {
            payload.Claim(SdJwtVcClaimNames.Exp, exp.ToUnixTimeSeconds());
        }

        payload.Claim(SdJwtVcClaimNames.Vct, issuance.Vct);
        if (issuance.VctIntegrity is not null)
        {
            payload.Claim(SdJwtVcClaimNames.VctIntegrity, issuance.VctIntegrity);
        }

        if (issuance.Status is not null)
        {
            payload.Claim(SdJwtVcClaimNames.Status, issuance.Status.ToStatusClaim());
        }

        if (issuance.Subject is not null)
        {
            if (issuance.SubjectDisclosable)
            {
                payload.Disclosable(SdJwtVcClaimNames.Sub, issuance.Subject);
            }
            else
            {
                payload.Claim(SdJwtVcClaimNames.Sub, issuance.Subject);
            }
        }

        return payload.AddAll(issuance.Claims);
    }

    private DateTimeOffset IssuedAt(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        if (_options.IssuedAtPrecision is { } precision)
        {
            var step = (long)precision.TotalSeconds;
            seconds -= ((seconds % step) + step) % step;
        }

        if (_options.IssuedAtRandomization is { } window && window.TotalSeconds >= 1)
        {
            // The CSPRNG, not a seeded generator: the offset must not be predictable or shared across a batch.
            seconds -= RandomNumberGenerator.GetInt32((int)window.TotalSeconds);
        }

        return DateTimeOffset.FromUnixTimeSeconds(Math.Max(0, seconds));
    }
}
