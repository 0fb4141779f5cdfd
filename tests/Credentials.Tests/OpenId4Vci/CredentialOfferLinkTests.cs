using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

public sealed class CredentialOfferLinkTests
{
    [Fact]
    public void Parse_SpecByValueLink_ReadsOffer()
    {
        var link = CredentialOfferLink.Read(Vectors.Read("offer_link_by_value.txt"));

        Assert.True(link.IsValid, link.Error?.ToString());
        Assert.Null(link.Value.OfferUri);
        Assert.Equal("oaKazRN8I0IbtZ0C7JuMn5", link.Value.Offer!.PreAuthorizedCode!.PreAuthorizedCode);
        Assert.Equal(TransactionCodeInputMode.Text, link.Value.Offer.PreAuthorizedCode.TxCode!.InputMode);
        Assert.Equal("Please enter the serial number of your physical drivers license", link.Value.Offer.PreAuthorizedCode.TxCode.Description);
    }

    [Fact]
    public void Parse_SpecByReferenceLink_ReadsDecodedUri()
    {
        var link = CredentialOfferLink.Read(Vectors.Read("offer_link_by_reference.txt"));

        Assert.True(link.IsValid, link.Error?.ToString());
        Assert.Null(link.Value.Offer);
        Assert.Equal("https://server.example.com/credential-offer/GkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM", link.Value.OfferUri);
    }

    [Fact]
    public void Parse_SpecRequestOnWalletEndpoint_ReadsOffer()
    {
        var link = CredentialOfferLink.Read("https://wallet.example.org" + Vectors.Read("offer_request_by_value.txt"));

        Assert.True(link.IsValid, link.Error?.ToString());
        Assert.Equal(["UniversityDegree_JWT", "org.iso.18013.5.1.mDL"], link.Value.Offer!.CredentialConfigurationIds);
    }

    [Fact]
    public void CreateByValue_Parse_RoundTripsWithJapaneseText()
    {
        var offer = new CredentialOffer
        {
            CredentialIssuer = "https://issuer.example.jp/ipa",
            CredentialConfigurationIds = ["ipa_exam_pass"],
            PreAuthorizedCode = new PreAuthorizedCodeGrant
            {
                PreAuthorizedCode = "a+b/c=",
                TxCode = new TransactionCodeRequirement { InputMode = TransactionCodeInputMode.Numeric, Length = 6, Description = "SMSで届いた6桁の番号" },
            },
        };

        var link = CredentialOfferLink.CreateByValue(offer);
        var parsed = CredentialOfferLink.Read(link);

        Assert.StartsWith("openid-credential-offer://?credential_offer=", link, System.StringComparison.Ordinal);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        Assert.Equal(offer.PreAuthorizedCode, parsed.Value.Offer!.PreAuthorizedCode);
    }

    [Fact]
    public void CreateByReference_Parse_RoundTrips()
    {
        var link = CredentialOfferLink.CreateByReference("https://issuer.example.jp/credential-offer/abc?x=1&y=2");

        var parsed = CredentialOfferLink.Read("  " + link + "\n");

        Assert.Equal("https://issuer.example.jp/credential-offer/abc?x=1&y=2", parsed.Value.OfferUri);
    }

    [Fact]
    public void CreateByValue_WalletEndpointWithQuery_AppendsParameter()
    {
        var offer = new CredentialOffer { CredentialIssuer = "https://issuer.example", CredentialConfigurationIds = ["a"] };

        var link = CredentialOfferLink.CreateByValue(offer, "https://wallet.example/offer?lang=ja");

        Assert.StartsWith("https://wallet.example/offer?lang=ja&credential_offer=", link, System.StringComparison.Ordinal);
        Assert.True(CredentialOfferLink.Read(link).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("openid-credential-offer://")]
    [InlineData("openid-credential-offer://?foo=bar")]
    [InlineData("just text?credential_offer_uri=https%3A%2F%2Fa.example")]
    [InlineData("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example&credential_offer_uri=https%3A%2F%2Fb.example")]
    [InlineData("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example&credential_offer=%7B%7D")]
    [InlineData("openid-credential-offer://?credential_offer_uri=javascript%3Aalert(1)")]
    [InlineData("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example%2Fx%23frag")]
    [InlineData("openid-credential-offer://?credential_offer=%7Bnot-json")]
    [InlineData("openid-credential-offer://?credential_offer=%ZZ")]
    public void Parse_InvalidLink_FailsWithInvalidOffer(string text)
    {
        var link = CredentialOfferLink.Read(text);

        Assert.False(link.IsValid);
        Assert.Equal(OpenId4VciErrors.InvalidOffer, link.Error.Code);
    }

    [Fact]
    public void CreateByReference_NotHttpUrl_Throws()
    {
        Assert.Throws<System.ArgumentException>(() => CredentialOfferLink.CreateByReference("file:///etc/passwd"));
    }
}
