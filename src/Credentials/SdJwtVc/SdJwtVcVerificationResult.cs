using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Status;

namespace Credentials.SdJwtVc;

/// <summary>
/// The outcome of verifying an SD-JWT VC: a <see cref="VerificationResult{T}"/> (the credential as <c>Value</c> when
/// valid, the first error otherwise) that also reports every check with its outcome either way. Never thrown.
/// </summary>
public sealed class SdJwtVcVerificationResult : VerificationResult<VerifiedSdJwtVc>
{
    internal SdJwtVcVerificationResult(VerifiedSdJwtVc? credential, VerificationError? error, ImmutableArray<VerificationCheck> checks)
        : base(credential, error)
    {
        Checks = checks;
    }

    /// <summary>Every check in order, with its outcome.</summary>
    public ImmutableArray<VerificationCheck> Checks { get; }

    /// <summary>The outcome of one check.</summary>
    /// <param name="check">The check.</param>
    /// <returns>The outcome; <see cref="CheckOutcome.NotReached"/> when verification stopped before it.</returns>
    public CheckOutcome OutcomeOf(CheckKind check)
    {
        foreach (var c in Checks)
        {
            if (c.Check == check)
            {
                return c.Outcome;
            }
        }

        return CheckOutcome.NotReached;
    }
}

/// <summary>A verified SD-JWT VC.</summary>
public sealed class VerifiedSdJwtVc
{
    internal VerifiedSdJwtVc(string vct, VerifiedSdJwt sdJwt, StatusValue? status, ResolvedTypeMetadata? typeMetadata)
    {
        Vct = vct;
        SdJwt = sdJwt;
        Status = status;
        TypeMetadata = typeMetadata;
    }

    /// <summary>The credential type.</summary>
    public string Vct { get; }

    /// <summary>The issuer (<c>iss</c>), if present.</summary>
    public string? Issuer => SdJwt.Issuer;

    /// <summary>The processed claims: plaintext and disclosed ones only.</summary>
    public JsonElement Claims => SdJwt.Claims;

    /// <summary>The claims that were selectively disclosed in this presentation.</summary>
    public ImmutableArray<ClaimPath> DisclosedPaths => SdJwt.DisclosedPaths;

    /// <summary>The key-binding outcome, if a KB-JWT was present.</summary>
    public KeyBindingResult? KeyBinding => SdJwt.KeyBinding;

    /// <summary>The status value, when it was checked.</summary>
    public StatusValue? Status { get; }

    /// <summary>The type metadata, when it was resolved (labels in several languages, claim rules).</summary>
    public ResolvedTypeMetadata? TypeMetadata { get; }

    /// <summary>The underlying verified SD-JWT.</summary>
    public VerifiedSdJwt SdJwt { get; }
}
