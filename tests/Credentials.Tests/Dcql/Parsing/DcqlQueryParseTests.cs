using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Tests.Dcql.Parsing;

public class DcqlQueryParseTests
{
    private const string Meta = """{"vct_values":["urn:example:pid"]}""";

    private static string Credential(string members) => $$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{{Meta}}{{members}}}]}""";

    private static string Claims(string claims, string extra = "") => Credential($$""","claims":{{claims}}{{extra}}""");

    public static TheoryData<string, string> RejectedQueries() => new()
    {
        // dcql.malformed: structure (section 6)
        { "", "dcql.malformed" },
        { "not json", "dcql.malformed" },
        { "[]", "dcql.malformed" },
        { "{}", "dcql.malformed" },
        { """{"credentials":[]}""", "dcql.malformed" },
        { """{"credentials":{}}""", "dcql.malformed" },
        { """{"credentials":[1]}""", "dcql.malformed" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}],"credentials":[]}""", "dcql.malformed" },
        { """{"credentials":[{"format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.malformed" },
        { """{"credentials":[{"id":"a","meta":{"vct_values":["x"]}}]}""", "dcql.malformed" },
        { """{"credentials":[{"id":"a","format":1,"meta":{"vct_values":["x"]}}]}""", "dcql.malformed" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt"}]}""", "dcql.malformed" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":[]}]}""", "dcql.malformed" },
        { Credential(""","multiple":"true" """), "dcql.malformed" },
        { Credential(""","require_cryptographic_holder_binding":0"""), "dcql.malformed" },
        { Claims("[]"), "dcql.malformed" },
        { Claims("{}"), "dcql.malformed" },
        { Claims("""["name"]"""), "dcql.malformed" },
        { Claims("""[{"id":"a"}]"""), "dcql.malformed" },
        { Claims("""[{"id":"a","path":["x"]}]""", ""","claim_sets":[]"""), "dcql.malformed" },
        { Claims("""[{"id":"a","path":["x"]}]""", ""","claim_sets":["a"]"""), "dcql.malformed" },
        { Claims("""[{"id":"a","path":["x"]}]""", ""","claim_sets":[[1]]"""), "dcql.malformed" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"claims":[{"path":["n","e"],"intent_to_retain":"yes"}]}]}""", "dcql.malformed" },

        // credential_sets (section 6.2)
        { Credential("") .TrimEnd('}') + ""","credential_sets":[]}""", "dcql.malformed" },
        { Credential("").TrimEnd('}') + ""","credential_sets":{}}""", "dcql.malformed" },
        { Credential("").TrimEnd('}') + ""","credential_sets":[{}]}""", "dcql.malformed" },
        { Credential("").TrimEnd('}') + ""","credential_sets":[{"options":[]}]}""", "dcql.malformed" },
        { Credential("").TrimEnd('}') + ""","credential_sets":[{"options":[[]]}]}""", "dcql.malformed" },
        { Credential("").TrimEnd('}') + ""","credential_sets":[{"options":[["pid"]],"required":"no"}]}""", "dcql.malformed" },
        { Credential("").TrimEnd('}') + ""","credential_sets":[{"options":[["pid","other"]]}]}""", "dcql.unknown_credential_id" },

        // ids (sections 6.1 and 6.3)
        { """{"credentials":[{"id":"","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.invalid_id" },
        { """{"credentials":[{"id":"a b","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.invalid_id" },
        { """{"credentials":[{"id":"a.b","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.invalid_id" },
        { """{"credentials":[{"id":"\u00e9","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.invalid_id" },
        { """{"credentials":[{"id":"\uff11","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.invalid_id" },
        { """{"credentials":[{"id":7,"format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "dcql.invalid_id" },
        { Claims("""[{"id":"","path":["x"]}]"""), "dcql.invalid_id" },
        { Claims("""[{"id":"a/b","path":["x"]}]"""), "dcql.invalid_id" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}},{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"}}]}""", "dcql.duplicate_id" },
        { Claims("""[{"id":"a","path":["x"]},{"id":"a","path":["y"]}]"""), "dcql.duplicate_id" },

        // claim_sets (sections 6.1 and 6.4.1)
        { Claims("""[{"id":"a","path":["x"]},{"path":["y"]}]""", ""","claim_sets":[["a"]]"""), "dcql.missing_claims_ids" },
        { Claims("""[{"id":"a","path":["x"]}]""", ""","claim_sets":[["a","b"]]"""), "dcql.unknown_claim_id" },
        { Credential(""","claim_sets":[["a"]]"""), "dcql.claim_sets_without_claims" },

        // claims path pointer (section 7)
        { Claims("""[{"path":[]}]"""), "dcql.invalid_path" },
        { Claims("""[{"path":"name"}]"""), "dcql.invalid_path" },
        { Claims("""[{"path":["a",-1]}]"""), "dcql.invalid_path" },
        { Claims("""[{"path":["a",1.5]}]"""), "dcql.invalid_path" },
        { Claims("""[{"path":["a",true]}]"""), "dcql.invalid_path" },
        { Claims("""[{"path":["a",{}]}]"""), "dcql.invalid_path" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"claims":[{"path":["ns"]}]}]}""", "dcql.invalid_path" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"claims":[{"path":["ns","e","f"]}]}]}""", "dcql.invalid_path" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"claims":[{"path":["ns",null]}]}]}""", "dcql.invalid_path" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"claims":[{"path":["ns",0]}]}]}""", "dcql.invalid_path" },

        // values (section 6.3)
        { Claims("""[{"path":["x"],"values":[]}]"""), "dcql.invalid_values" },
        { Claims("""[{"path":["x"],"values":"Doe"}]"""), "dcql.invalid_values" },
        { Claims("""[{"path":["x"],"values":[null]}]"""), "dcql.invalid_values" },
        { Claims("""[{"path":["x"],"values":[1.5]}]"""), "dcql.invalid_values" },
        { Claims("""[{"path":["x"],"values":[{"a":1}]}]"""), "dcql.invalid_values" },
        { Claims("""[{"path":["x"],"values":[["a"]]}]"""), "dcql.invalid_values" },

        // meta (Appendix B)
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":[]}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":"x"}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":[""]}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":[1]}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"doctype_value":"d"}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":["d"]}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":""}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"ldp_vc","meta":{"type_values":[]}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"ldp_vc","meta":{"type_values":[[]]}}]}""", "dcql.invalid_meta" },
        { """{"credentials":[{"id":"a","format":"ldp_vc","meta":{"type_values":["IDCredential"]}}]}""", "dcql.invalid_meta" },

        // trusted_authorities (section 6.1.1)
        { Credential(""","trusted_authorities":[]"""), "dcql.invalid_trusted_authorities" },
        { Credential(""","trusted_authorities":{"type":"aki","values":["x"]}"""), "dcql.invalid_trusted_authorities" },
        { Credential(""","trusted_authorities":[{"values":["x"]}]"""), "dcql.invalid_trusted_authorities" },
        { Credential(""","trusted_authorities":[{"type":"aki"}]"""), "dcql.invalid_trusted_authorities" },
        { Credential(""","trusted_authorities":[{"type":"aki","values":[]}]"""), "dcql.invalid_trusted_authorities" },
        { Credential(""","trusted_authorities":[{"type":1,"values":["x"]}]"""), "dcql.invalid_trusted_authorities" },
        { Credential(""","trusted_authorities":[{"type":"aki","values":[1]}]"""), "dcql.invalid_trusted_authorities" },
    };

    [Theory]
    [MemberData(nameof(RejectedQueries))]
    public void Parse_InvalidQuery_FailsWithExactCode(string json, string code)
    {
        var result = DcqlQuery.Read(json);

        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code.Value);
        Assert.Equal(VerificationFailureKind.Malformed, result.Error.Kind);
    }

    [Theory]
    [MemberData(nameof(RejectedQueries))]
    public void ParseUtf8_InvalidQuery_FailsWithSameCodeAsText(string json, string code)
    {
        var result = DcqlQuery.Read(Encoding.UTF8.GetBytes(json).AsMemory());

        Assert.False(result.IsValid);
        Assert.Equal(code, result.Error.Code.Value);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsMalformed()
    {
        var bytes = Encoding.UTF8.GetBytes(Credential("")).ToArray();
        bytes[Array.IndexOf(bytes, (byte)'p')] = 0xFF;

        var result = DcqlQuery.Read(bytes.AsMemory());

        Assert.Equal(DcqlErrors.Malformed, result.Error!.Code);
    }

    [Fact]
    public void Parse_MinimalSdJwtQuery_AppliesDefaults()
    {
        var query = DcqlQuery.Read(Credential("")).GetValueOrThrow();

        var credential = Assert.Single(query.Credentials);
        Assert.Equal("pid", credential.Id);
        Assert.Equal(DcqlFormats.SdJwtVc, credential.Format);
        Assert.False(credential.Multiple);
        Assert.True(credential.RequireCryptographicHolderBinding);
        Assert.Null(credential.Claims);
        Assert.Null(credential.ClaimSets);
        Assert.Null(credential.TrustedAuthorities);
        Assert.Null(query.CredentialSets);
        Assert.Equal(["urn:example:pid"], credential.Meta.VctValues!.Value.ToArray());
    }

    [Fact]
    public void Parse_AllMembers_AreRead()
    {
        const string json = """
            {"credentials":[{"id":"pid-1","format":"dc+sd-jwt","multiple":true,"require_cryptographic_holder_binding":false,
              "meta":{"vct_values":["a","b"],"x-extension":{"k":1}},
              "trusted_authorities":[{"type":"aki","values":["s9tIpPmhxdiuNkHMEWNpYim8S8Y"]}],
              "claims":[{"id":"n","path":["name"],"values":["Doe",7,true,false]},{"id":"d","path":["degrees",null,"type"]},{"id":"i","path":["nationalities",1]}],
              "claim_sets":[["n","d"],["i"]]}],
             "credential_sets":[{"options":[["pid-1"]],"required":false}]}
            """;

        var query = DcqlQuery.Read(json).GetValueOrThrow();

        var credential = query.Credentials[0];
        Assert.True(credential.Multiple);
        Assert.False(credential.RequireCryptographicHolderBinding);
        Assert.Equal(1, credential.Meta.AdditionalProperties["x-extension"].GetProperty("k").GetInt32());
        var authority = Assert.Single(credential.TrustedAuthorities!.Value);
        Assert.Equal(TrustedAuthorityTypes.Aki, authority.Type);
        var claims = credential.Claims!.Value;
        Assert.Equal(
            [DcqlClaimValue.FromString("Doe"), DcqlClaimValue.FromInteger(7), DcqlClaimValue.FromBoolean(true), DcqlClaimValue.FromBoolean(false)],
            claims[0].Values!.Value.ToArray());
        Assert.Equal(ClaimPath.Create("degrees", null, "type"), claims[1].Path);
        Assert.Equal(ClaimPath.Create("nationalities", 1), claims[2].Path);
        Assert.Equal(2, credential.ClaimSets!.Value.Length);
        Assert.Equal(["i"], credential.ClaimSets.Value[1].ToArray());
        var set = Assert.Single(query.CredentialSets!.Value);
        Assert.False(set.Required);
    }

    [Fact]
    public void Parse_UnknownMembersEverywhere_AreIgnored()
    {
        const string json = """
            {"future":1,"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"future":[1],
              "claims":[{"path":["x"],"future":{},"intent_to_retain":"ignored-for-sd-jwt"}]}],
             "credential_sets":[{"options":[["a"]],"purpose":"not in 1.0 final","future":null}]}
            """;

        var result = DcqlQuery.Read(json);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Null(result.Value.Credentials[0].Claims!.Value[0].IntentToRetain);
    }

    [Fact]
    public void Parse_UnknownFormat_IsAcceptedWithMetaKept()
    {
        var result = DcqlQuery.Read("""{"credentials":[{"id":"a","format":"vc+sd-jwt","meta":{"vct_values":["x"]}}]}""");

        Assert.True(result.IsValid);
        var meta = result.Value.Credentials[0].Meta;
        Assert.Null(meta.VctValues);
        Assert.True(meta.AdditionalProperties.ContainsKey("vct_values"));
    }

    [Fact]
    public void Parse_MdocIntentToRetain_IsRead()
    {
        var query = DcqlQuery.Read("""{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"claims":[{"path":["ns","e"],"intent_to_retain":false}]}]}""").GetValueOrThrow();

        Assert.False(query.Credentials[0].Claims!.Value[0].IntentToRetain);
        Assert.Equal("d", query.Credentials[0].Meta.DoctypeValue);
    }

    [Fact]
    public void Parse_ClaimIdsWithoutClaimSets_AreAllowed()
    {
        var result = DcqlQuery.Read(Claims("""[{"id":"a","path":["x"]},{"path":["y"]}]"""));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parse_EmptyClaimSetOption_IsAllowed()
    {
        var result = DcqlQuery.Read(Claims("""[{"id":"a","path":["x"]}]""", ""","claim_sets":[["a"],[]]"""));

        Assert.True(result.IsValid);
        Assert.True(result.Value.Credentials[0].ClaimSets!.Value[1].IsEmpty);
    }

    [Fact]
    public void Parse_DuplicateClaimPath_IsAcceptedByDefault()
    {
        var json = Claims("""[{"path":["x"]},{"path":["x"]}]""");

        Assert.True(DcqlQuery.Read(json).IsValid);
        Assert.Equal(DcqlErrors.DuplicateClaim, DcqlQuery.Read(json, new DcqlReaderOptions { RejectDuplicateClaims = true }).Error!.Code);
    }

    [Fact]
    public void Parse_ValidIdCharacters_AreAccepted()
    {
        var result = DcqlQuery.Read("""{"credentials":[{"id":"Az09_-","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parse_LargeIntegerValue_IsKeptExactly()
    {
        var query = DcqlQuery.Read(Claims("""[{"path":["x"],"values":[9007199254740993]}]""")).GetValueOrThrow();

        Assert.Equal(9007199254740993L, query.Credentials[0].Claims!.Value[0].Values!.Value[0].IntegerValue);
    }

    [Fact]
    public void FromJson_DcqlQueryMemberOfRequestObject_Parses()
    {
        using var document = JsonDocument.Parse($$"""{"response_type":"vp_token","nonce":"n","dcql_query":{{Credential("")}}}""");

        var result = DcqlQuery.FromJson(document.RootElement.GetProperty("dcql_query"));

        Assert.True(result.IsValid);
        Assert.Equal("pid", result.Value.Credentials[0].Id);
    }

    [Fact]
    public void FromJson_NotAnObject_IsMalformed()
    {
        using var document = JsonDocument.Parse("[1]");

        Assert.Equal(DcqlErrors.Malformed, DcqlQuery.FromJson(document.RootElement).Error!.Code);
    }

    [Fact]
    public void FindCredential_KnownAndUnknownId_FindsOnlyKnown()
    {
        var query = DcqlQuery.Read(Credential("")).GetValueOrThrow();

        Assert.Same(query.Credentials[0], query.FindCredential("pid"));
        Assert.Null(query.FindCredential("PID"));
    }
}
