using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Tests.Dcql.Parsing;

public class DcqlQueryToJsonTests
{
    [Fact]
    public void ToJson_ParsedQuery_WritesCanonicalFormThatParsesBackIdentically()
    {
        const string json = """
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","multiple":true,"meta":{"vct_values":["urn:年齢"],"x":{"k":[1,null]}},
              "trusted_authorities":[{"type":"aki","values":["s9tI"]}],"require_cryptographic_holder_binding":false,
              "claims":[{"id":"a","path":["degrees",null,"type"],"values":["BSc",3,true]},{"id":"b","path":["n",0]}],
              "claim_sets":[["a"],["b","a"]]},
             {"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},"claims":[{"path":["org.iso.18013.5.1","age_over_20"],"intent_to_retain":false}]}],
             "credential_sets":[{"options":[["pid"],["mdl","pid"]]},{"options":[["mdl"]],"required":false}]}
            """;
        const string expected = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","multiple":true,"meta":{"vct_values":["urn:年齢"],"x":{"k":[1,null]}},"trusted_authorities":[{"type":"aki","values":["s9tI"]}],"require_cryptographic_holder_binding":false,"claims":[{"id":"a","path":["degrees",null,"type"],"values":["BSc",3,true]},{"id":"b","path":["n",0]}],"claim_sets":[["a"],["b","a"]]},{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},"claims":[{"path":["org.iso.18013.5.1","age_over_20"],"intent_to_retain":false}]}],"credential_sets":[{"options":[["pid"],["mdl","pid"]]},{"options":[["mdl"]],"required":false}]}""";

        var written = DcqlQuery.Read(json).GetValueOrThrow().ToJson();

        Assert.Equal(expected, written);
        Assert.Equal(expected, DcqlQuery.Read(written).GetValueOrThrow().ToJson());
    }

    [Fact]
    public void ToJson_QueryBuiltInCode_ParsesToSameModel()
    {
        var query = new DcqlQuery
        {
            Credentials =
            [
                new CredentialQuery
                {
                    Id = "age20",
                    Format = DcqlFormats.SdJwtVc,
                    Meta = new CredentialQueryMeta { VctValues = ["https://credentials.example.jp/vct/age/v1"] },
                    Claims = [new ClaimsQuery { Path = ClaimPath.Of("age_equal_or_over", "20"), Values = [DcqlClaimValue.FromBoolean(true)] }],
                },
            ],
        };

        var parsed = DcqlQuery.Read(query.ToJson()).GetValueOrThrow();

        var credential = Assert.Single(parsed.Credentials);
        Assert.Equal("age20", credential.Id);
        Assert.True(credential.RequireCryptographicHolderBinding);
        var claim = Assert.Single(credential.Claims!.Value);
        Assert.Equal(ClaimPath.Of("age_equal_or_over", "20"), claim.Path);
        Assert.Equal(DcqlClaimValue.FromBoolean(true), Assert.Single(claim.Values!.Value));
        Assert.Equal(query.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void ClaimValue_ToString_IsJsonText()
    {
        Assert.Equal("\"Doe\"", DcqlClaimValue.FromString("Doe").ToString());
        Assert.Equal("-3", DcqlClaimValue.FromInteger(-3).ToString());
        Assert.Equal("false", DcqlClaimValue.FromBoolean(false).ToString());
    }
}
