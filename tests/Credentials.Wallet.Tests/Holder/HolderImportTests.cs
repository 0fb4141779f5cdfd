using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

public sealed class HolderImportTests
{
    [Fact]
    public async Task ImportAsync_ValidCredential_StoredBoundToHolderKeyWithMetadata()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk);

        var imported = await bed.Wallet.ImportAsync(raw);

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(HolderTestBed.PidVct, imported.Value.Vct);
        Assert.Equal(HolderTestBed.IssuerId, imported.Value.Issuer);
        Assert.Equal("本人確認書類", imported.Value.DisplayName);
        Assert.True(imported.Value.HasTypeMetadata);
        Assert.Equal(CredentialUse.Reusable, imported.Value.Use);
        Assert.Equal(HolderTestBed.Now.AddDays(30), imported.Value.ExpiresAt);
        var stored = (await bed.Store.GetAsync(imported.Value.Id)).Value;
        Assert.Equal(raw, stored.Raw);
        Assert.Equal(key.Id, stored.HolderKeyId);
        Assert.False(bed.Temp.FileContains("山田"));
    }

    [Fact]
    public async Task ImportAsync_TamperedSignature_RefusedWithVerifierCodeNothingStored()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk);
        var jwtEnd = raw.IndexOf('~', StringComparison.Ordinal);
        var signatureStart = raw.LastIndexOf('.', jwtEnd) + 1;
        var flipped = raw[signatureStart + 5] == 'A' ? 'B' : 'A';
        var tampered = string.Concat(raw.AsSpan(0, signatureStart + 5), flipped.ToString(), raw.AsSpan(signatureStart + 6));

        var imported = await bed.Wallet.ImportAsync(tampered);

        Assert.False(imported.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, imported.Error!.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, imported.Error.Kind);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_UntrustedIssuer_RefusedWithIssuerKeyNotFound()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        using var rogue = SigningKey.Create(JwsAlgorithm.Es256);
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk, rogue, issuer: "https://rogue.example.com");

        var imported = await bed.Wallet.ImportAsync(raw);

        Assert.False(imported.IsValid);
        Assert.Equal(SdJwtErrors.IssuerKeyNotFound, imported.Error!.Code);
        Assert.Equal(VerificationFailureKind.UntrustedIssuer, imported.Error.Kind);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_TrustedIssuerNameSignedByOtherKey_RefusedAsInvalidSignature()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        using var rogue = SigningKey.Create(JwsAlgorithm.Es256);
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk, rogue);

        var imported = await bed.Wallet.ImportAsync(raw);

        Assert.False(imported.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_CnfIsNotAWalletKey_RefusedWithHolderKeyMismatch()
    {
        using var bed = await HolderTestBed.CreateAsync();
        await bed.NewHolderKeyAsync();
        using var someoneElse = SigningKey.Create(JwsAlgorithm.Es256);
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), someoneElse.PublicJwk);

        var imported = await bed.Wallet.ImportAsync(raw);

        Assert.False(imported.IsValid);
        Assert.Equal(HolderErrors.HolderKeyMismatch, imported.Error!.Code);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_NoCnf_RefusedByTheVerifiersCnfRequirement()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), holderKey: null);

        var imported = await bed.Wallet.ImportAsync(raw);

        // The SD-JWT VC verifier requires cnf by default, so the verifier refuses before the wallet's own binding check.
        Assert.False(imported.IsValid);
        Assert.Equal(SdJwtErrors.MissingRequiredClaim, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_Expired_RefusedWithExpired()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk, expiresAt: HolderTestBed.Now.AddDays(1));
        bed.Clock.SetUtcNow(HolderTestBed.Now.AddDays(2));

        var imported = await bed.Wallet.ImportAsync(raw);

        Assert.False(imported.IsValid);
        Assert.Equal(SdJwtErrors.Expired, imported.Error!.Code);
        Assert.Equal(VerificationFailureKind.Expired, imported.Error.Kind);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task ImportAsync_CarriesKeyBindingJwt_RefusedAsAlreadyPresented()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk);
        using var signer = (await bed.Store.GetSignerAsync(key.Id)).Value;
        var presented = await new SdJwtHolder().PresentAsync(SdJwtToken.Read(raw).Value, [ClaimPath.Of("given_name")], new KeyBindingInput("https://x.example", "n"), signer);

        var imported = await bed.Wallet.ImportAsync(presented.Value.Serialize());

        Assert.False(imported.IsValid);
        Assert.Equal(KeyBindingErrors.Unexpected, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_ForeignDisclosureAppended_RefusedWithUnreferencedDisclosure()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var raw = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk);
        var other = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk);
        var foreign = SdJwtToken.Read(other).Value.Disclosures[0].Encoded;

        var imported = await bed.Wallet.ImportAsync(raw + foreign + "~");

        Assert.False(imported.IsValid);
        Assert.Equal(SdJwtErrors.UnreferencedDisclosure, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportAsync_ViolatesTypeMetadata_RefusedWithSdViolation()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();

        // The age type says age_equal_or_over.20 is sd: always; here it is plaintext.
        var claims = SdJwtPayload.Create()
            .Object("age_equal_or_over", a => a.Disclosable("18", true).Claim("20", true))
            .Claim("issuing_authority", "サンプル年齢確認サービス株式会社")
            .Claim("issuing_country", "JP");
        var raw = await bed.IssueAsync(HolderTestBed.AgeVct, claims, key.PublicJwk);

        var imported = await bed.Wallet.ImportAsync(raw);

        Assert.False(imported.IsValid);
        Assert.Equal(TypeMetadataErrors.SdViolation, imported.Error!.Code);
    }

    [Fact]
    public async Task ImportBatchAsync_CopiesWithDifferentKeys_StoredAsOneSingleUseCredential()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var copies = new string[3];
        var keys = new string[3];
        for (var i = 0; i < copies.Length; i++)
        {
            var key = await bed.NewHolderKeyAsync();
            keys[i] = key.Id;
            copies[i] = await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk);
        }

        var imported = await bed.Wallet.ImportBatchAsync(copies);

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(CredentialUse.SingleUse, imported.Value.Use);
        Assert.Equal(3, imported.Value.Copies);
        var summary = Assert.Single((await bed.Store.ListAsync()).Value);
        Assert.Equal(3, summary.RemainingCopies);
    }

    [Fact]
    public async Task ImportBatchAsync_CopiesWithDifferentClaims_RefusedNothingStored()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var k1 = await bed.NewHolderKeyAsync();
        var k2 = await bed.NewHolderKeyAsync();
        var c1 = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), k1.PublicJwk);
        var c2 = await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims().Disclosable("phone_number", "+81-3-0000-0000"), k2.PublicJwk);

        var imported = await bed.Wallet.ImportBatchAsync([c1, c2]);

        Assert.False(imported.IsValid);
        Assert.Equal(HolderErrors.BatchInconsistent, imported.Error!.Code);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task ImportBatchAsync_OneCopyBoundToForeignKey_RefusedNothingStored()
    {
        using var bed = await HolderTestBed.CreateAsync();
        var k1 = await bed.NewHolderKeyAsync();
        using var foreign = SigningKey.Create(JwsAlgorithm.Es256);
        var c1 = await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), k1.PublicJwk);
        var c2 = await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), foreign.PublicJwk);

        var imported = await bed.Wallet.ImportBatchAsync([c1, c2]);

        Assert.False(imported.IsValid);
        Assert.Equal(HolderErrors.HolderKeyMismatch, imported.Error!.Code);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }
}
