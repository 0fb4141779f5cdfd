using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Status;
using Xunit;

namespace Credentials.Samples.Tests;

/// <summary>Verifies issued credentials the way a holder and a verifier would.</summary>
internal static class CredentialChecks
{
    public const string Audience = "https://verifier.example.jp";

    /// <summary>Presents every disclosure with a KB-JWT and verifies it (did:key issuers, type metadata required).</summary>
    public static async Task<SdJwtVcVerificationResult> PresentAllAndVerifyAsync(string issued, SigningKey? holderKey, TimeProvider clock, IStatusListResolver? statusLists = null)
    {
        var sdJwt = SdJwtToken.Read(issued).Value;
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = clock });
        var nonce = Guid.NewGuid().ToString("N");
        var paths = holder.GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        string presentation;
        if (holderKey is null)
        {
            presentation = holder.Select(sdJwt, paths).Value.Serialize();
        }
        else
        {
            presentation = (await holder.PresentAsync(sdJwt, paths, new KeyBindingInput(Audience, nonce), holderKey)).Value.Serialize();
        }

        var verifier = new SdJwtVcVerifier(
            new DidIssuerKeyResolver(DidResolver.CreateDefault()),
            statusLists,
            CredentialTypes.CreateMetadataRegistry(),
            options: new SdJwtVcVerifierOptions { TimeProvider = clock, RequireConfirmationKey = holderKey is not null });
        return await verifier.VerifyAsync(presentation, new SdJwtVcPolicy
        {
            KeyBinding = holderKey is null ? KeyBindingRequirement.Forbidden : KeyBindingRequirement.Required(Audience, nonce),
            TypeMetadata = TypeMetadataCheck.Required,
            Status = statusLists is null ? StatusCheck.Skip : StatusCheck.Required,
        });
    }

    /// <summary>Checks the complete credential (every disclosure) against its type metadata, as the issuer or holder can.</summary>
    public static void AssertSatisfiesMetadata(string issued, CredentialType type)
    {
        var sdJwt = SdJwtToken.Read(issued).Value;
        var holder = new SdJwtHolder();
        var claims = holder.GetClaims(sdJwt).Value;
        var disclosable = holder.GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        var error = TypeMetadataValidator.ValidateComplete(type.Metadata, claims, disclosable);
        Assert.True(error is null, error?.Code + " " + error?.Path + " " + error?.Message);
    }

    public static void AssertValid(SdJwtVcVerificationResult result)
        => Assert.True(result.IsValid, result.Error?.Code + " " + result.Error?.Message + " " + result.Error?.Path);
}
