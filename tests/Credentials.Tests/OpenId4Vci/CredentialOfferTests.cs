using System.Linq;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

public sealed class CredentialOfferTests
{
    [Fact]
    public void Parse_SpecPreAuthorizedCodeExample_ReadsCodeAndTxCodeDescription()
    {
        var offer = CredentialOffer.Read(Vectors.Read("credential_offer_pre-authz_code.json"));

        Assert.True(offer.IsValid, offer.Error?.ToString());
        Assert.Equal("https://credential-issuer.example.com", offer.Value.CredentialIssuer);
        Assert.Equal(["UniversityDegreeCredential"], offer.Value.CredentialConfigurationIds);
        Assert.Equal("adhjhdjajkdkhjhdj", offer.Value.PreAuthorizedCode!.PreAuthorizedCode);
        Assert.Equal("Please provide the one-time code which was sent to your mobile phone via SMS", offer.Value.PreAuthorizedCode.TxCode!.Description);
        Assert.Null(offer.Value.PreAuthorizedCode.TxCode.InputMode);
        Assert.Equal(TransactionCodeInputMode.Numeric, offer.Value.PreAuthorizedCode.TxCode.EffectiveInputMode);
    }

    [Fact]
    public void Parse_SpecEmptyTxCodeObject_StillRequiresTxCode()
    {
        var offer = CredentialOffer.Read(Vectors.Read("credential_offer_by_reference.json"));

        Assert.True(offer.IsValid, offer.Error?.ToString());
        Assert.NotNull(offer.Value.PreAuthorizedCode!.TxCode);
        Assert.Null(offer.Value.PreAuthorizedCode.TxCode.Length);
    }

    [Fact]
    public void Parse_SpecMultipleCredentialsExample_ReadsLengthAndInputMode()
    {
        var offer = CredentialOffer.Read(Vectors.Read("credential_offer_multiple_credentials.json"));

        Assert.True(offer.IsValid, offer.Error?.ToString());
        Assert.Equal(2, offer.Value.CredentialConfigurationIds.Count);
        Assert.Equal(4, offer.Value.PreAuthorizedCode!.TxCode!.Length);
        Assert.Equal(TransactionCodeInputMode.Numeric, offer.Value.PreAuthorizedCode.TxCode.InputMode);
    }

    [Fact]
    public void Parse_SpecAuthorizationCodeExample_ReadsIssuerState()
    {
        var offer = CredentialOffer.Read(Vectors.Read("credential_offer_authz_code.json"));

        Assert.True(offer.IsValid, offer.Error?.ToString());
        Assert.Null(offer.Value.PreAuthorizedCode);
        Assert.Equal("eyJhbGciOiJSU0Et...FYUaBy", offer.Value.AuthorizationCode!.IssuerState);
    }

    [Fact]
    public void ToJson_ParsedSpecExample_RoundTrips()
    {
        var offer = CredentialOffer.Read(Vectors.Read("credential_offer_multiple_credentials.json")).Value;

        var again = CredentialOffer.Read(offer.ToJson());

        Assert.True(again.IsValid, again.Error?.ToString());
        Assert.Equal(offer.CredentialConfigurationIds, again.Value.CredentialConfigurationIds);
        Assert.Equal(offer.PreAuthorizedCode, again.Value.PreAuthorizedCode);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"credential_configuration_ids\":[\"a\"]}")]
    [InlineData("{\"credential_issuer\":\"ftp://issuer.example\",\"credential_configuration_ids\":[\"a\"]}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[]}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\",\"a\"]}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"credential_issuer\":\"https://other.example\"}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"grants\":[]}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":{}}}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":{\"pre-authorized_code\":\"c\",\"tx_code\":{\"input_mode\":\"emoji\"}}}}")]
    [InlineData("{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":{\"pre-authorized_code\":\"c\",\"tx_code\":{\"length\":0}}}}")]
    public void Parse_InvalidOffer_FailsWithInvalidOffer(string json)
    {
        var offer = CredentialOffer.Read(json);

        Assert.False(offer.IsValid);
        Assert.Equal(OpenId4VciErrors.InvalidOffer, offer.Error.Code);
    }

    [Fact]
    public void Parse_TxCodeDescriptionOver300Characters_FailsWithInvalidOffer()
    {
        var json = "{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":{\"pre-authorized_code\":\"c\",\"tx_code\":{\"description\":\""
            + new string('x', 301) + "\"}}}}";

        Assert.Equal(OpenId4VciErrors.InvalidOffer, CredentialOffer.Read(json).Error?.Code);
    }

    [Fact]
    public void Parse_UnknownMembersAndGrants_AreIgnored()
    {
        var json = "{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"a\"],\"x\":1,\"grants\":{\"urn:example:grant\":{}}}";

        var offer = CredentialOffer.Read(json);

        Assert.True(offer.IsValid, offer.Error?.ToString());
        Assert.Null(offer.Value.PreAuthorizedCode);
    }

    [Fact]
    public void ToJson_JapaneseDescription_StaysUnescaped()
    {
        var offer = new CredentialOffer
        {
            CredentialIssuer = "https://issuer.example.jp",
            CredentialConfigurationIds = ["ipa"],
            PreAuthorizedCode = new PreAuthorizedCodeGrant { PreAuthorizedCode = "c", TxCode = new TransactionCodeRequirement { Description = "メールで届いた暗証番号" } },
        };

        Assert.Contains("メールで届いた暗証番号", offer.ToJson(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_RepeatedConfigurationIds_Throws()
    {
        var offer = new CredentialOffer { CredentialIssuer = "https://issuer.example", CredentialConfigurationIds = ["a", "a"] };

        Assert.Throws<System.InvalidOperationException>(() => offer.ToJson());
    }

    [Fact]
    public void Parse_OfferTooLarge_FailsWithInvalidOffer()
    {
        var json = "{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[" + string.Join(",", Enumerable.Range(0, 20000).Select(i => $"\"id{i}\"")) + "]}";

        Assert.Equal(OpenId4VciErrors.InvalidOffer, CredentialOffer.Read(json).Error?.Code);
    }
}
