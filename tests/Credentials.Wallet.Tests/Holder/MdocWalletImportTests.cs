using System;
using System.Buffers.Text;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Mdoc;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>Importing ISO mdocs: issuer trust and integrity checked before storing, device key bound to a wallet key, listing and details.</summary>
public sealed class MdocWalletImportTests
{
    [Fact]
    public async Task A_trusted_mdoc_bound_to_a_wallet_key_is_stored_with_its_doctype_and_validity()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var mdoc = await bed.IssueAsync(key.PublicJwk);

        var imported = await bed.Wallet.ImportMdocAsync(mdoc.Encode());

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(DcqlFormats.MsoMdoc, imported.Value.Format);
        Assert.Equal(MdocWalletTestBed.MdlDocType, imported.Value.DocType);
        Assert.Equal(key.Id, imported.Value.HolderKeyId);
        Assert.Equal(CredentialUse.Reusable, imported.Value.Use);
        Assert.Equal(mdoc.MobileSecurityObject.ValidityInfo.ValidUntil, imported.Value.ExpiresAt);
        var listed = Assert.Single((await bed.Store.ListAsync()).Value);
        Assert.Equal(DcqlFormats.MsoMdoc, listed.Format);
        Assert.Equal(MdocWalletTestBed.MdlDocType, listed.DocType);
        Assert.Equal(mdoc.MobileSecurityObject.ValidityInfo.Signed, listed.IssuedAt);
        Assert.Contains("Test IACA DS", listed.Issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base64url_form_of_the_OpenID4VCI_credential_response_is_accepted()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var mdoc = await bed.IssueAsync(key.PublicJwk);

        var imported = await bed.Wallet.ImportMdocBase64UrlAsync(Base64Url.EncodeToString(mdoc.Encode()));

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(MdocErrors.MalformedCbor, (await bed.Wallet.ImportMdocBase64UrlAsync("not*base64url")).Error!.Code);
    }

    [Fact]
    public async Task An_mdoc_from_an_untrusted_IACA_is_refused_and_nothing_is_stored()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var (otherIacaKey, otherIaca, otherDsKey, otherDs) = MdocWalletTestBed.CreateIssuer(bed.Clock, "Other IACA");
        using (otherIacaKey)
        using (otherIaca)
        using (otherDsKey)
        using (otherDs)
        {
            var issuer = new MdocIssuer(otherDsKey, [otherDs], new MdocIssuerOptions { TimeProvider = bed.Clock });
            var mdoc = await bed.IssueAsync(key.PublicJwk, issuer: issuer);

            var imported = await bed.Wallet.ImportMdocAsync(mdoc.Encode());

            Assert.False(imported.IsValid);
            Assert.Contains(imported.Error!.Code, new[] { MdocErrors.UntrustedIssuer, Credentials.Mdoc.Certificates.MdocCertificateErrors.UntrustedChain });
            Assert.Empty((await bed.Store.ListAsync()).Value);
        }
    }

    [Fact]
    public async Task A_tampered_element_value_is_refused_and_nothing_is_stored()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var encoded = (await bed.IssueAsync(key.PublicJwk)).Encode();

        // "Hanako" → "Hanakp": same length, so the CBOR stays well formed and only the value digest breaks.
        var needle = Encoding.UTF8.GetBytes("Hanako");
        var at = encoded.AsSpan().IndexOf(needle);
        Assert.True(at > 0);
        encoded[at + 5] = (byte)'p';

        var imported = await bed.Wallet.ImportMdocAsync(encoded);

        Assert.Equal(MdocErrors.DigestMismatch, imported.Error!.Code);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task An_mdoc_whose_device_key_is_not_a_wallet_key_is_refused()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        using var stranger = Credentials.Keys.SigningKey.Create(JwsAlgorithm.Es256);
        var mdoc = await bed.IssueAsync(stranger.PublicJwk);

        var imported = await bed.Wallet.ImportMdocAsync(mdoc.Encode());

        Assert.Equal(HolderErrors.HolderKeyMismatch, imported.Error!.Code);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task An_expired_mdoc_is_refused()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var mdoc = await bed.IssueAsync(key.PublicJwk);
        bed.Clock.Advance(TimeSpan.FromDays(60));

        var imported = await bed.Wallet.ImportMdocAsync(mdoc.Encode());

        Assert.Equal(MdocErrors.Expired, imported.Error!.Code);
    }

    [Fact]
    public async Task Without_an_mdoc_verifier_mdocs_are_refused_as_unsupported()
    {
        using var bed = await MdocWalletTestBed.CreateAsync(withMdocVerifier: false);
        var key = await bed.NewHolderKeyAsync();
        var mdoc = await bed.IssueAsync(key.PublicJwk);

        var imported = await bed.Wallet.ImportMdocAsync(mdoc.Encode());

        Assert.Equal(HolderErrors.UnsupportedFormat, imported.Error!.Code);
    }

    [Fact]
    public async Task A_batch_with_distinct_device_keys_is_stored_as_single_use_copies()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var copies = new ReadOnlyMemory<byte>[3];
        for (var i = 0; i < copies.Length; i++)
        {
            var key = await bed.NewHolderKeyAsync();
            copies[i] = (await bed.IssueAsync(key.PublicJwk)).Encode();
        }

        var imported = await bed.Wallet.ImportMdocBatchAsync(copies);

        Assert.True(imported.IsValid, imported.Error?.ToString());
        Assert.Equal(CredentialUse.SingleUse, imported.Value.Use);
        Assert.Equal(3, imported.Value.Copies);
        var listed = Assert.Single((await bed.Wallet.ListAsync()).Value);
        Assert.Equal(3, listed.RemainingCopies);
    }

    [Fact]
    public async Task A_batch_whose_copies_differ_or_share_a_device_key_is_refused_whole()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var other = await bed.NewHolderKeyAsync();
        var a = (await bed.IssueAsync(key.PublicJwk)).Encode();
        var differing = (await bed.IssueAsync(other.PublicJwk, elements: MdocWalletTestBed.MdlElements(ageOver20: false))).Encode();
        var sameKey = (await bed.IssueAsync(key.PublicJwk)).Encode();

        Assert.Equal(HolderErrors.BatchInconsistent, (await bed.Wallet.ImportMdocBatchAsync([a, differing])).Error!.Code);
        Assert.Equal(HolderErrors.BatchInconsistent, (await bed.Wallet.ImportMdocBatchAsync([a, sameKey])).Error!.Code);
        Assert.Empty((await bed.Store.ListAsync()).Value);
    }

    [Fact]
    public async Task Stored_mdocs_are_encrypted_at_rest()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var encoded = (await bed.IssueAsync(key.PublicJwk)).Encode();
        Assert.True((await bed.Wallet.ImportMdocAsync(encoded)).IsValid);

        Assert.False(bed.Temp.FileContains(Base64Url.EncodeToString(encoded.AsSpan(0, 48))));
        Assert.False(bed.Temp.FileContains(encoded.AsSpan(0, 48).ToArray()));
        Assert.False(bed.Temp.FileContains(MdocWalletTestBed.MdlDocType));
        Assert.False(bed.Temp.FileContains("山田"));
    }

    [Fact]
    public async Task The_list_and_details_show_the_doctype_namespaces_and_every_element_with_its_value()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var imported = await bed.ImportNewAsync();

        var listed = Assert.Single((await bed.Wallet.ListAsync()).Value);
        Assert.Equal(DcqlFormats.MsoMdoc, listed.Format);
        Assert.Equal(MdocWalletTestBed.MdlDocType, listed.DocType);
        Assert.Equal(MdocWalletTestBed.MdlDocType, listed.DisplayName);

        var details = await bed.Wallet.GetDetailsAsync(imported.Id);
        Assert.True(details.IsValid, details.Error?.ToString());
        Assert.Equal(MdocWalletTestBed.MdlDocType, details.Value.Credential.DocType);
        Assert.Equal(11, details.Value.Claims.Count);
        Assert.All(details.Value.Claims, c => Assert.True(c.IsSelectivelyDisclosable));
        Assert.All(details.Value.Claims, c => Assert.Equal(MdocWalletTestBed.Mdl, c.Description));
        var family = details.Value.Claims.Single(c => c.Path.Equals(ClaimPath.Of(MdocWalletTestBed.Mdl, "family_name_national_character")));
        Assert.Equal("family_name_national_character", family.Label);
        Assert.Equal("山田", family.Value.GetString());
        var birth = details.Value.Claims.Single(c => c.Label == "birth_date");
        Assert.Equal("2002-04-02", birth.Value.GetString());
        var portrait = details.Value.Claims.Single(c => c.Label == "portrait");
        Assert.Equal(Base64Url.EncodeToString([0xff, 0xd8, 0xff, 0xe0, 0x01, 0x02]), portrait.Value.GetString());
        Assert.True(details.Value.Claims.Single(c => c.Label == "age_over_18").Value.GetBoolean());
    }
}
