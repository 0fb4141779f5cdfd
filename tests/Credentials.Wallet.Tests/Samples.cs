using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;

namespace Credentials.Wallet.Tests;

/// <summary>Real SD-JWT VCs issued with the core library, with known claim values, salts and holder keys.</summary>
internal static class Samples
{
    public const string Vct = "urn:eudi:pid:jp:1";
    public const string Issuer = "https://issuer.pref.example.jp";
    public const string GivenName = "Hanako";
    public const string FamilyName = "Yamada";
    public const string BirthDate = "1990-04-01";

    public const string DisplayMetadataJson = """
        {"display":[{"locale":"ja-JP","name":"マイナンバー本人確認"},{"locale":"en-US","name":"Japanese PID"}],
         "claims":[{"path":["given_name"],"display":[{"locale":"ja-JP","label":"名"},{"locale":"en-US","label":"Given name"}]}]}
        """;

    public static async Task<SdJwtToken> IssueAsync(Jwk? holderKey, string givenName = GivenName)
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtVcIssuer(issuerKey, options: new SdJwtVcIssuerOptions { Issuer = Issuer });
        return await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = Vct,
            HolderKey = holderKey,
            Claims = SdJwtPayload.Create()
                .Disclosable("given_name", givenName)
                .Disclosable("family_name", FamilyName)
                .Disclosable("birthdate", BirthDate)
                .Disclosable("age_over_20", true),
            ExpiresAt = DateTimeOffset.UtcNow.AddYears(1),
        });
    }

    public static StoredCredentialInput Input(string raw, string? holderKeyId = null, string? displayName = null) => new()
    {
        Format = "dc+sd-jwt",
        Copies = [new CredentialCopyInput(raw, holderKeyId)],
        Vct = Vct,
        Issuer = Issuer,
        IssuedAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2031, 4, 1, 0, 0, 0, TimeSpan.Zero),
        DisplayName = displayName ?? $"{FamilyName} {GivenName}",
        DisplayMetadataJson = DisplayMetadataJson,
    };

    public static StoredCredentialInput Batch(IReadOnlyList<CredentialCopyInput> copies) => new()
    {
        Format = "dc+sd-jwt",
        Copies = copies,
        Use = CredentialUse.SingleUse,
        Vct = Vct,
        Issuer = Issuer,
    };

    /// <summary>A fake opaque credential string of a given size, unique per call.</summary>
    public static string Opaque(int length = 200)
    {
        var unique = Guid.NewGuid().ToString("N");
        return (unique + new string('x', Math.Max(0, length - unique.Length)))[..length];
    }
}
