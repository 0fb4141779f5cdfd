using System;
using System.Collections.Generic;
using System.Globalization;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;

namespace Credentials.Wallet.Holder;

/// <summary>Options of a <see cref="CredentialWallet"/>, validated once in its constructor.</summary>
public sealed record CredentialWalletOptions
{
    /// <summary>The user's language for display names, claim labels and the consent screen (BCP 47, for example <c>ja-JP</c> or <c>en-US</c>). Default: the current UI culture.</summary>
    public string Locale { get; init; } = CultureInfo.CurrentUICulture.Name;

    /// <summary>The clock for expiry decisions and the Key Binding JWT's <c>iat</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A single-use batch is "running low" when this many unused copies or fewer remain; default 2.</summary>
    public int RunningLowThreshold { get; init; } = 2;

    /// <summary>
    /// Whether the credential's status is checked on import. Default <see cref="StatusCheck.IfPresent"/>, which needs the
    /// <see cref="SdJwtVcVerifier"/> to have a status list resolver; use <see cref="StatusCheck.Skip"/> for an offline wallet.
    /// </summary>
    public StatusCheck ImportStatus { get; init; } = StatusCheck.IfPresent;

    /// <summary>Whether type metadata is resolved and checked on import. Default <see cref="TypeMetadataCheck.IfAvailable"/>.</summary>
    public TypeMetadataCheck ImportTypeMetadata { get; init; } = TypeMetadataCheck.IfAvailable;

    /// <summary>Which types each issuer may issue, checked on import; not checked when <see langword="null"/>.</summary>
    public IIssuerAuthorization? IssuerAuthorization { get; init; }

    /// <summary>The credential types the wallet accepts on import; any when <see langword="null"/>.</summary>
    public IReadOnlyList<string>? AcceptedVcts { get; init; }

    /// <summary>
    /// How queries are matched. Default: the fewest disclosures for both <c>claim_sets</c> and <c>credential_sets</c>
    /// (data minimisation: prefer the option that discloses the fewest claims; OpenID4VP 1.0 section 6.4.1 lets the Wallet
    /// deviate from the Verifier's order for this reason), and <c>trusted_authorities</c> enforced.
    /// </summary>
    public DcqlMatcherOptions Matching { get; init; } = new() { ClaimSetPreference = DcqlPreference.FewestDisclosures, CredentialSetPreference = DcqlPreference.FewestDisclosures };

    /// <summary>
    /// Verifies W3C credentials on import (<see cref="CredentialWallet.ImportW3cAsync"/>): a Data Integrity credential
    /// (<c>ldp_vc</c>) or a <c>vc+jwt</c> (<c>jwt_vc_json</c>), with its issuer trust, status and clock. Without it, W3C
    /// credentials are refused with <see cref="HolderErrors.UnsupportedFormat"/>.
    /// </summary>
    public Credentials.W3c.W3cCredentialVerifier? W3cVerifier { get; init; }

    /// <summary>
    /// Verifies ISO mdocs on import (<see cref="CredentialWallet.ImportMdocAsync(ReadOnlyMemory{byte}, System.Threading.CancellationToken)"/>):
    /// its IACA trust anchors (or pinned document signers), algorithms, clock and limits decide
    /// which mdocs the wallet accepts. Without it, mdocs are refused with <see cref="HolderErrors.UnsupportedFormat"/>.
    /// </summary>
    public Credentials.Mdoc.MdocVerifier? MdocVerifier { get; init; }

    /// <summary>Limits for reading stored and imported SD-JWTs.</summary>
    public SdJwtReaderOptions Limits { get; init; } = SdJwtReaderOptions.Default;

    internal void Validate()
    {
        if (Locale is null)
        {
            throw new InvalidOperationException("CredentialWalletOptions.Locale is required.");
        }

        if (TimeProvider is null || Matching is null || Limits is null)
        {
            throw new InvalidOperationException("CredentialWalletOptions.TimeProvider, Matching and Limits are required.");
        }

        if (RunningLowThreshold < 0)
        {
            throw new InvalidOperationException("CredentialWalletOptions.RunningLowThreshold must not be negative.");
        }
    }
}
