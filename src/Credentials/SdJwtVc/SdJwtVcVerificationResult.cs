using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Status;

namespace Credentials.SdJwtVc;

/// <summary>
/// The outcome of verifying an SD-JWT VC: the credential when valid, the first error otherwise, and every check with
/// its outcome either way. Never thrown.
/// </summary>
public sealed class SdJwtVcVerificationResult
{
    internal SdJwtVcVerificationResult(VerifiedSdJwtVc? credential, VerificationError? error, ImmutableArray<VerificationCheck> checks)
    {
        Credential = credential;
        Error = error;
        Checks = checks;
    }

    /// <summary>Whether every required check passed.</summary>
    [MemberNotNullWhen(true, nameof(Credential))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>The verified credential, when valid.</summary>
    public VerifiedSdJwtVc? Credential { get; }

    /// <summary>The first failure, when invalid.</summary>
    public VerificationError? Error { get; }

    /// <summary>Every check in order, with its outcome.</summary>
    public ImmutableArray<VerificationCheck> Checks { get; }

    /// <summary>The outcome of one check.</summary>
    /// <param name="check">The check.</param>
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

    /// <summary>Returns the credential or throws <see cref="CredentialVerificationException"/>.</summary>
    /// <exception cref="CredentialVerificationException">The credential is not valid.</exception>
    public VerifiedSdJwtVc GetValueOrThrow() => IsValid ? Credential : throw new CredentialVerificationException(Error);
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
