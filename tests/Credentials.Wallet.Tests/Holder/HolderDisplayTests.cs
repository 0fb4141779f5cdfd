using System.Linq;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

public sealed class HolderDisplayTests
{
    private static async Task<HolderTestBed> BedWithThreeAsync()
    {
        var bed = await HolderTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.PidVct, HolderTestBed.PidClaims(), key.PublicJwk));
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.AgeVct, HolderTestBed.AgeClaims(), key.PublicJwk));
        await bed.ImportAsync(await bed.IssueAsync(HolderTestBed.ResidentVct, SdJwtPayload.Create().Disclosable("birth_date", "2002-04-02"), key.PublicJwk));
        return bed;
    }

    [Fact]
    public async Task ListAsync_JaJp_JapaneseDisplayNamesAndVctFallback()
    {
        using var bed = await BedWithThreeAsync();

        var list = (await bed.Wallet.ListAsync("ja-JP")).Value;

        Assert.Equal(["本人確認書類", "年齢確認証明", HolderTestBed.ResidentVct], list.Select(c => c.DisplayName));
        Assert.Equal("ja-JP", list[1].DisplayLocale);
        Assert.Equal("#8E1B3A", list[1].BackgroundColor);
        Assert.StartsWith("20歳以上", list[1].Description);
        Assert.Null(list[2].DisplayLocale);
    }

    [Fact]
    public async Task ListAsync_EnUs_EnglishDisplayNames()
    {
        using var bed = await BedWithThreeAsync();

        var list = (await bed.Wallet.ListAsync("en-US")).Value;

        Assert.Equal(["Personal ID (Japan)", "Proof of Age (Japan)", HolderTestBed.ResidentVct], list.Select(c => c.DisplayName));
        Assert.All(list, c => Assert.False(c.IsExpired));
    }

    [Fact]
    public async Task ListAsync_DefaultLocaleAndReopenedWallet_UsesOptionsLocale()
    {
        using var bed = await BedWithThreeAsync();
        var english = new CredentialWallet(bed.Store, bed.ImportVerifier, bed.Options with { Locale = "en" });

        var list = (await english.ListAsync()).Value;

        Assert.Equal("Personal ID (Japan)", list[0].DisplayName);
    }

    [Fact]
    public async Task ListAsync_AfterExpiry_MarksExpired()
    {
        using var bed = await BedWithThreeAsync();
        bed.Clock.SetUtcNow(HolderTestBed.Now.AddDays(31));

        var list = (await bed.Wallet.ListAsync()).Value;

        Assert.All(list, c => Assert.True(c.IsExpired));
    }

    [Fact]
    public async Task GetDetailsAsync_JaJpAndEnUs_ClaimLabelsInThatLanguage()
    {
        using var bed = await BedWithThreeAsync();
        var id = (await bed.Wallet.ListAsync()).Value[0].Id;

        var ja = (await bed.Wallet.GetDetailsAsync(id, "ja-JP")).Value;
        var en = (await bed.Wallet.GetDetailsAsync(id, "en-US")).Value;

        string LabelOf(CredentialDetails d, params object?[] path) => d.Claims.Single(c => c.Path.Equals(ClaimPath.Create(path))).Label;
        Assert.Equal("姓", LabelOf(ja, "family_name"));
        Assert.Equal("生年月日", LabelOf(ja, "birthdate"));
        Assert.Equal("市区町村", LabelOf(ja, "address", "locality"));
        Assert.Equal("国籍", LabelOf(ja, "nationalities", 0));
        Assert.Equal("Family name", LabelOf(en, "family_name"));
        Assert.Equal("Date of birth", LabelOf(en, "birthdate"));
        Assert.Equal("山田", ja.Claims.Single(c => c.Path.Equals(ClaimPath.Of("family_name"))).Value.GetString());
        Assert.True(ja.Claims.Single(c => c.Path.Equals(ClaimPath.Of("birthdate"))).IsSelectivelyDisclosable);
        Assert.False(ja.Claims.Single(c => c.Path.Equals(ClaimPath.Of("issuing_country"))).IsSelectivelyDisclosable);
        Assert.DoesNotContain(ja.Claims, c => c.Path.Equals(ClaimPath.Of("cnf")));
    }

    [Fact]
    public async Task GetDetailsAsync_NoTypeMetadata_LabelsArePaths()
    {
        using var bed = await BedWithThreeAsync();
        var id = (await bed.Wallet.ListAsync()).Value[2].Id;

        var details = (await bed.Wallet.GetDetailsAsync(id, "ja-JP")).Value;

        var claim = Assert.Single(details.Claims);
        Assert.Equal("birth_date", claim.Label);
    }
}
