using System.Linq;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.Dcql.Matching.DcqlTestCandidates;

namespace Credentials.Tests.Dcql.Matching;

public class DcqlMatcherTests
{
    private const string Pid = """{"vct":"https://credentials.example.com/identity_credential","given_name":"John","family_name":"Doe","birthdate":"1940-01-01","address":{"street_address":"42 Market Street","locality":"Milliways","postal_code":"12345"}}""";

    private static string SimpleQuery(string claims, string extra = "")
        => $$"""{"credentials":[{"id":"my_credential","format":"dc+sd-jwt","meta":{"vct_values":["{{IdentityVct}}"]}{{extra}},"claims":{{claims}}}]}""";

    [Fact]
    public void Match_SimpleVctAndClaims_SelectsExactlyRequestedClaims()
    {
        var candidate = SdJwtCandidate("c1", IdentityVct, Pid,
            ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("birthdate"), ClaimPath.Of("address"), ClaimPath.Of("address", "street_address"), ClaimPath.Of("address", "locality"));
        var query = Query(SimpleQuery("""[{"path":["family_name"]},{"path":["given_name"]},{"path":["address","street_address"]}]"""));

        var result = DcqlMatcher.Default.Match(query, [candidate]);

        Assert.True(result.IsSatisfied);
        var match = Assert.Single(result.GetCredential("my_credential").Matches);
        Assert.Same(candidate, match.Candidate);
        Assert.Equal(["[\"family_name\"]", "[\"given_name\"]", "[\"address\",\"street_address\"]"], Paths(match.Selected.Paths));

        // address is itself a disclosure on the way to street_address; locality and birthdate stay hidden.
        Assert.Equal(["[\"given_name\"]", "[\"family_name\"]", "[\"address\"]", "[\"address\",\"street_address\"]"], Paths(match.Selected.Disclosures));
        Assert.Equal(4, match.DisclosureCount);
        Assert.Null(match.Selected.ClaimSetIndex);
        Assert.True(match.RequireCryptographicHolderBinding);
        var selected = Assert.Single(result.Selection);
        Assert.Equal("my_credential", selected.Query.Id);
        Assert.False(selected.IsOptional);
    }

    [Fact]
    public void Match_ObjectClaim_DisclosesEverythingBeneathIt()
    {
        var candidate = SdJwtCandidate("c1", IdentityVct, Pid, ClaimPath.Of("given_name"), ClaimPath.Of("address", "street_address"), ClaimPath.Of("address", "locality"));
        var query = Query(SimpleQuery("""[{"path":["address"]}]"""));

        var match = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("my_credential").Matches[0];

        Assert.Equal(["[\"address\"]"], Paths(match.Selected.Paths));
        Assert.Equal(["[\"address\",\"street_address\"]", "[\"address\",\"locality\"]"], Paths(match.Selected.Disclosures));
    }

    [Fact]
    public void Match_PlaintextClaims_CostNoDisclosures()
    {
        var candidate = SdJwtCandidate("c1", IdentityVct, Pid);
        var query = Query(SimpleQuery("""[{"path":["given_name"]}]"""));

        var match = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("my_credential").Matches[0];

        Assert.Equal(0, match.DisclosureCount);
        Assert.Single(match.Selected.Paths);
    }

    [Fact]
    public void Match_NoClaimsRequested_PresentsOnlyMandatoryClaims()
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", IdentityVct, Pid);
        var query = Query($$$"""{"credentials":[{"id":"q","format":"dc+sd-jwt","meta":{"vct_values":["{{{IdentityVct}}}"]}}]}""");

        var match = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("q").Matches[0];

        Assert.Empty(match.Selected.Paths);
        Assert.Equal(0, match.DisclosureCount);
    }

    [Fact]
    public void Match_WrongVct_IsTypeMismatch()
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", "https://other.example/type", Pid);
        var query = Query(SimpleQuery("""[{"path":["given_name"]}]"""));

        var result = DcqlMatcher.Default.Match(query, [candidate]);

        Assert.False(result.IsSatisfied);
        Assert.Empty(result.Selection);
        var mismatch = Assert.Single(result.GetCredential("my_credential").Mismatches);
        Assert.Equal(DcqlMismatchReason.TypeMismatch, mismatch.Reason);
        Assert.Empty(mismatch.ClaimFailures);
    }

    [Fact]
    public void Match_CandidateExtendsRequestedVct_Matches()
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", "https://issuer.example/pid-plus", Pid) with { ExtendedVcts = [IdentityVct] };
        var query = Query(SimpleQuery("""[{"path":["given_name"]}]"""));

        Assert.True(DcqlMatcher.Default.Match(query, [candidate]).IsSatisfied);
    }

    [Fact]
    public void Match_MissingClaim_ReportsClaimMissingWithPath()
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", IdentityVct, Pid);
        var query = Query(SimpleQuery("""[{"path":["given_name"]},{"path":["nationalities"]},{"path":["address","country"]}]"""));

        var mismatch = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("my_credential").Mismatches);

        Assert.Equal(DcqlMismatchReason.ClaimMissing, mismatch.Reason);
        Assert.Equal([ClaimPath.Of("nationalities"), ClaimPath.Of("address", "country")], mismatch.ClaimFailures.Select(f => f.Claim.Path).ToArray());
        Assert.All(mismatch.ClaimFailures, f => Assert.Equal(DcqlClaimFailureReason.Missing, f.Reason));
    }

    [Theory]
    [InlineData("""["Doe"]""", true)]
    [InlineData("""["Smith","Doe"]""", true)]
    [InlineData("""["doe"]""", false)]
    [InlineData("""["Doe "]""", false)]
    [InlineData("""[true]""", false)]
    public void Match_StringValues_MatchTypeAndValueExactly(string values, bool matches)
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", IdentityVct, Pid);
        var query = Query(SimpleQuery($$"""[{"path":["family_name"],"values":{{values}}}]"""));

        var credential = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("my_credential");

        Assert.Equal(matches, credential.IsSatisfied);
        if (!matches)
        {
            var mismatch = Assert.Single(credential.Mismatches);
            Assert.Equal(DcqlMismatchReason.ValueMismatch, mismatch.Reason);
            Assert.Equal(DcqlClaimFailureReason.ValueMismatch, Assert.Single(mismatch.ClaimFailures).Reason);
        }
    }

    [Theory]
    [InlineData("""{"age":20}""", "[20]", true)]
    [InlineData("""{"age":20}""", """["20"]""", false)]
    [InlineData("""{"age":"20"}""", "[20]", false)]
    [InlineData("""{"age":20.5}""", "[20]", false)]
    [InlineData("""{"age":true}""", "[true]", true)]
    [InlineData("""{"age":false}""", "[true]", false)]
    [InlineData("""{"age":1}""", "[true]", false)]
    [InlineData("""{"age":{"v":20}}""", "[20]", false)]
    [InlineData("""{"age":[20]}""", "[20]", false)]
    [InlineData("""{"age":null}""", "[20]", false)]
    public void Match_TypedValues_NeverCoerce(string claims, string values, bool matches)
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", IdentityVct, claims);
        var query = Query(SimpleQuery($$"""[{"path":["age"],"values":{{values}}}]"""));

        Assert.Equal(matches, DcqlMatcher.Default.Match(query, [candidate]).IsSatisfied);
    }

    [Fact]
    public void Match_SpecValueMatchingExample_NeedsEveryConstrainedClaim()
    {
        const string claims = """{"family_name":"Doe","given_name":"John","address":{"street_address":"42 Market Street"},"postal_code":"90211"}""";
        var query = Query("""
            {"credentials":[{"id":"my_credential","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/identity_credential"]},
              "claims":[{"path":["family_name"],"values":["Doe"]},{"path":["given_name"]},{"path":["address","street_address"]},{"path":["postal_code"],"values":["90210","90211"]}]}]}
            """);

        Assert.True(DcqlMatcher.Default.Match(query, [SdJwtCandidateAllDisclosable("ok", IdentityVct, claims)]).IsSatisfied);
        var other = DcqlMatcher.Default.Match(query, [SdJwtCandidateAllDisclosable("no", IdentityVct, claims.Replace("90211", "10115"))]);
        Assert.False(other.IsSatisfied);
        Assert.Equal(ClaimPath.Of("postal_code"), Assert.Single(other.Credentials[0].Mismatches[0].ClaimFailures).Claim.Path);
    }

    [Fact]
    public void Match_NullWildcard_ExpandsToConcreteElements()
    {
        const string claims = """{"degrees":[{"type":"BSc","university":"U"},{"type":"MSc","university":"U"}],"nationalities":["British","Betelgeusian"]}""";
        var candidate = SdJwtCandidate("c1", IdentityVct, claims,
            ClaimPath.Create("degrees", 0), ClaimPath.Create("degrees", 1), ClaimPath.Create("degrees", 1, "university"), ClaimPath.Create("nationalities", 0), ClaimPath.Create("nationalities", 1));
        var query = Query(SimpleQuery("""[{"path":["degrees",null,"type"]}]"""));

        var match = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("my_credential").Matches[0];

        Assert.Equal(["[\"degrees\",0,\"type\"]", "[\"degrees\",1,\"type\"]"], Paths(match.Selected.Paths));
        Assert.Equal(["[\"degrees\",0]", "[\"degrees\",1]"], Paths(match.Selected.Disclosures));
    }

    [Fact]
    public void Match_NullWildcardWithValues_PresentsOnlyMatchingElements()
    {
        const string claims = """{"nationalities":["British","Betelgeusian","JP"]}""";
        var candidate = SdJwtCandidate("c1", IdentityVct, claims, ClaimPath.Create("nationalities", 0), ClaimPath.Create("nationalities", 1), ClaimPath.Create("nationalities", 2));
        var query = Query(SimpleQuery("""[{"path":["nationalities",null],"values":["JP","DE"]}]"""));

        var match = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("my_credential").Matches[0];

        Assert.Equal(["[\"nationalities\",2]"], Paths(match.Selected.Paths));
        Assert.Equal(1, match.DisclosureCount);
    }

    [Fact]
    public void Match_WildcardOverNonArray_IsMissing()
    {
        var candidate = SdJwtCandidateAllDisclosable("c1", IdentityVct, """{"degrees":{"type":"BSc"}}""");
        var query = Query(SimpleQuery("""[{"path":["degrees",null,"type"]}]"""));

        var mismatch = DcqlMatcher.Default.Match(query, [candidate]).Credentials[0].Mismatches[0];

        Assert.Equal(DcqlMismatchReason.ClaimMissing, mismatch.Reason);
    }

    [Fact]
    public void Match_AgeOver20AgainstBirthDateOnly_DoesNotMatchAndNamesTheMissingClaim()
    {
        // Japanese age rules: age_over_20 is an attested statement, never derived from a birth date.
        var birthDateOnly = SdJwtCandidateAllDisclosable("birth", AgeVct, """{"birth_date":"2002-04-02","birthdate":"2002-04-02","age_equal_or_over":{"18":true}}""");
        var query = Query($$"""
            {"credentials":[{"id":"age20","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}"]},"claims":[{"path":["age_over_20"],"values":[true]}]}]}
            """);

        var result = DcqlMatcher.Default.Match(query, [birthDateOnly]);

        Assert.False(result.IsSatisfied);
        Assert.Empty(result.Selection);
        var mismatch = Assert.Single(result.GetCredential("age20").Mismatches);
        Assert.Equal(DcqlMismatchReason.ClaimMissing, mismatch.Reason);
        var failure = Assert.Single(mismatch.ClaimFailures);
        Assert.Equal(ClaimPath.Of("age_over_20"), failure.Claim.Path);
        Assert.Equal(DcqlClaimFailureReason.Missing, failure.Reason);
    }

    [Fact]
    public void Match_AgeOver20WithBirthDateAlsoPresent_DisclosesOnlyTheAgeClaim()
    {
        var candidate = SdJwtCandidate("age", AgeVct, """{"age_equal_or_over":{"18":true,"20":true,"65":false},"age_in_years":24,"birthdate":"2002-04-02"}""",
            ClaimPath.Of("age_equal_or_over", "18"), ClaimPath.Of("age_equal_or_over", "20"), ClaimPath.Of("age_equal_or_over", "65"), ClaimPath.Of("age_in_years"), ClaimPath.Of("birthdate"));
        var query = Query($$"""
            {"credentials":[{"id":"age20","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}","urn:eudi:pid:1"]},"claims":[{"path":["age_equal_or_over","20"],"values":[true]}]}]}
            """);

        var match = DcqlMatcher.Default.Match(query, [candidate]).GetCredential("age20").Matches[0];

        Assert.Equal(["[\"age_equal_or_over\",\"20\"]"], Paths(match.Selected.Disclosures));
    }

    [Fact]
    public void Match_AgeOver20False_DoesNotMatchValueTrue()
    {
        var candidate = SdJwtCandidateAllDisclosable("age", AgeVct, """{"age_over_20":false}""");
        var query = Query($$"""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}"]},"claims":[{"path":["age_over_20"],"values":[true]}]}]}""");

        Assert.Equal(DcqlMismatchReason.ValueMismatch, DcqlMatcher.Default.Match(query, [candidate]).Credentials[0].Mismatches[0].Reason);
    }

    [Fact]
    public void Match_HolderBindingRequired_SkipsCredentialWithoutCnf()
    {
        var unbound = SdJwtCandidateAllDisclosable("c1", IdentityVct, Pid) with { SupportsCryptographicHolderBinding = false };
        var required = Query(SimpleQuery("""[{"path":["given_name"]}]"""));
        var optional = Query(SimpleQuery("""[{"path":["given_name"]}]""", ""","require_cryptographic_holder_binding":false"""));

        var whenRequired = DcqlMatcher.Default.Match(required, [unbound]);
        var whenOptional = DcqlMatcher.Default.Match(optional, [unbound]);

        Assert.Equal(DcqlMismatchReason.HolderBindingUnsupported, whenRequired.Credentials[0].Mismatches[0].Reason);
        Assert.True(whenOptional.IsSatisfied);
        Assert.False(whenOptional.Credentials[0].Matches[0].RequireCryptographicHolderBinding);
    }

    [Fact]
    public void Match_UnknownFormat_MatchesNothingEvenWithSameFormat()
    {
        var query = Query("""{"credentials":[{"id":"q","format":"jwt_vc_json-ld","meta":{},"claims":[{"path":["credentialSubject","given_name"]}]}]}""");
        var candidate = new DcqlCandidate { Id = "w3c", Format = "jwt_vc_json-ld", Claims = ParseJson("""{"credentialSubject":{"given_name":"A"}}"""), SupportsCryptographicHolderBinding = true };
        var other = SdJwtCandidateAllDisclosable("sd", IdentityVct, Pid);

        var result = DcqlMatcher.Default.Match(query, [candidate, other]);

        Assert.False(result.IsSatisfied);
        Assert.Equal([DcqlMismatchReason.UnsupportedFormat, DcqlMismatchReason.FormatMismatch], result.Credentials[0].Mismatches.Select(m => m.Reason).ToArray());
        Assert.False(DcqlMatcher.IsCandidateType(query, "jwt_vc_json-ld", "IDCredential"));
    }

    [Fact]
    public void Match_TrustedAuthorities_RequireAMatchingFact()
    {
        var query = Query(SimpleQuery("""[{"path":["given_name"]}]""", ""","trusted_authorities":[{"type":"aki","values":["s9tIpPmhxdiuNkHMEWNpYim8S8Y"]}]"""));
        var trusted = SdJwtCandidateAllDisclosable("t", IdentityVct, Pid) with { TrustedAuthorities = [new(TrustedAuthorityTypes.Aki, "s9tIpPmhxdiuNkHMEWNpYim8S8Y")] };
        var otherType = SdJwtCandidateAllDisclosable("o", IdentityVct, Pid) with { TrustedAuthorities = [new(TrustedAuthorityTypes.EtsiTrustedList, "s9tIpPmhxdiuNkHMEWNpYim8S8Y")] };
        var unknown = SdJwtCandidateAllDisclosable("u", IdentityVct, Pid);

        var result = DcqlMatcher.Default.Match(query, [trusted, otherType, unknown]).Credentials[0];
        var lenient = new DcqlMatcher(new DcqlMatcherOptions { EnforceTrustedAuthorities = false }).Match(query, [unknown]);

        Assert.Equal(["t"], result.Matches.Select(m => m.Candidate.Id).ToArray());
        Assert.All(result.Mismatches, m => Assert.Equal(DcqlMismatchReason.UntrustedAuthority, m.Reason));
        Assert.Equal(2, result.Mismatches.Length);
        Assert.True(lenient.IsSatisfied);
    }

    [Fact]
    public void Match_Mdoc_MatchesDoctypeAndCountsEachDataElement()
    {
        var query = Query("""
            {"credentials":[{"id":"age20","format":"mso_mdoc","meta":{"doctype_value":"jp.example.av.1"},"claims":[{"path":["jp.example.av.1","age_over_20"],"values":[true],"intent_to_retain":false}]}]}
            """);
        var mdoc = MdocCandidate("m", "jp.example.av.1", """{"jp.example.av.1":{"age_over_18":true,"age_over_20":true,"age_birth_year":2002}}""");
        var wrongDoctype = MdocCandidate("w", "eu.europa.ec.av.1", """{"jp.example.av.1":{"age_over_20":true}}""");

        var result = DcqlMatcher.Default.Match(query, [wrongDoctype, mdoc]).GetCredential("age20");

        var match = Assert.Single(result.Matches);
        Assert.Equal("m", match.Candidate.Id);
        Assert.Equal(["[\"jp.example.av.1\",\"age_over_20\"]"], Paths(match.Selected.Disclosures));
        Assert.Equal(DcqlMismatchReason.TypeMismatch, Assert.Single(result.Mismatches).Reason);
    }

    [Fact]
    public void Match_MdocMissingNamespace_IsClaimMissing()
    {
        var query = Query("""{"credentials":[{"id":"q","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},"claims":[{"path":["org.iso.18013.5.1","age_over_20"]}]}]}""");
        var mdoc = MdocCandidate("m", "org.iso.18013.5.1.mDL", """{"org.iso.18013.5.1":{"age_over_18":true,"age_over_21":false}}""");

        var mismatch = DcqlMatcher.Default.Match(query, [mdoc]).Credentials[0].Mismatches[0];

        Assert.Equal(DcqlMismatchReason.ClaimMissing, mismatch.Reason);
        Assert.Equal(ClaimPath.Of("org.iso.18013.5.1", "age_over_20"), mismatch.ClaimFailures[0].Claim.Path);
    }

    [Fact]
    public void Match_SeveralCandidates_FewestDisclosuresFirstThenWalletOrder()
    {
        var query = Query(SimpleQuery("""[{"path":["address","locality"]}]"""));
        var nested = SdJwtCandidate("nested", IdentityVct, Pid, ClaimPath.Of("address"), ClaimPath.Of("address", "locality"));
        var flatA = SdJwtCandidate("flatA", IdentityVct, Pid, ClaimPath.Of("address", "locality"));
        var flatB = SdJwtCandidate("flatB", IdentityVct, Pid, ClaimPath.Of("address", "locality"));

        var result = DcqlMatcher.Default.Match(query, [nested, flatA, flatB]);

        Assert.Equal(["flatA", "flatB", "nested"], result.Credentials[0].Matches.Select(m => m.Candidate.Id).ToArray());
        Assert.Equal("flatA", result.Selection[0].Match.Candidate.Id);
    }

    [Fact]
    public void Match_MultipleTrue_ReportsEveryMatchAndSelectsOne()
    {
        var query = Query(SimpleQuery("""[{"path":["given_name"]}]""", ""","multiple":true"""));
        var a = SdJwtCandidateAllDisclosable("a", IdentityVct, Pid);
        var b = SdJwtCandidateAllDisclosable("b", IdentityVct, Pid);

        var result = DcqlMatcher.Default.Match(query, [a, b]);

        Assert.True(result.Credentials[0].Query.Multiple);
        Assert.Equal(["a", "b"], result.Credentials[0].Matches.Select(m => m.Candidate.Id).ToArray());
        Assert.Equal("a", Assert.Single(result.Selection).Match.Candidate.Id);
    }

    [Fact]
    public void Match_WithoutCredentialSets_EveryQueryIsRequired()
    {
        var query = Query($$"""
            {"credentials":[
              {"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{IdentityVct}}"]},"claims":[{"path":["given_name"]}]},
              {"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},"claims":[{"path":["org.iso.18013.5.1","given_name"]}]}]}
            """);
        var pid = SdJwtCandidateAllDisclosable("pid1", IdentityVct, Pid);
        var mdl = MdocCandidate("mdl1", "org.iso.18013.5.1.mDL", """{"org.iso.18013.5.1":{"given_name":"John"}}""");

        var onlyPid = DcqlMatcher.Default.Match(query, [pid]);
        var both = DcqlMatcher.Default.Match(query, [pid, mdl]);

        Assert.False(onlyPid.IsSatisfied);
        Assert.Empty(onlyPid.Selection);
        Assert.True(onlyPid.GetCredential("pid").IsSatisfied);
        Assert.True(both.IsSatisfied);
        Assert.Equal(["pid", "mdl"], both.Selection.Select(s => s.Query.Id).ToArray());
        Assert.Null(both.CredentialSets);
    }

    [Fact]
    public void Match_SameCandidateForTwoQueries_IsAllowed()
    {
        var query = Query($$"""
            {"credentials":[
              {"id":"names","format":"dc+sd-jwt","meta":{"vct_values":["{{IdentityVct}}"]},"claims":[{"path":["given_name"]}]},
              {"id":"birth","format":"dc+sd-jwt","meta":{"vct_values":["{{IdentityVct}}"]},"claims":[{"path":["birthdate"]}]}]}
            """);
        var pid = SdJwtCandidateAllDisclosable("pid1", IdentityVct, Pid);

        var result = DcqlMatcher.Default.Match(query, [pid]);

        Assert.True(result.IsSatisfied);
        Assert.All(result.Selection, s => Assert.Same(pid, s.Match.Candidate));
    }

    [Fact]
    public void IsCandidateType_FiltersOnFormatAndType()
    {
        var query = Query($$$"""
            {"credentials":[
              {"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{{IdentityVct}}}","urn:eudi:pid:1"]}},
              {"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"}}]}
            """);

        Assert.True(DcqlMatcher.IsCandidateType(query, DcqlFormats.SdJwtVc, "urn:eudi:pid:1"));
        Assert.True(DcqlMatcher.IsCandidateType(query, DcqlFormats.MsoMdoc, "org.iso.18013.5.1.mDL"));
        Assert.False(DcqlMatcher.IsCandidateType(query, DcqlFormats.SdJwtVc, "org.iso.18013.5.1.mDL"));
        Assert.False(DcqlMatcher.IsCandidateType(query, DcqlFormats.MsoMdoc, "urn:eudi:pid:1"));
        Assert.False(DcqlMatcher.IsCandidateType(query, DcqlFormats.SdJwtVc, null));
        Assert.True(DcqlMatcher.IsCandidateType(query, DcqlFormats.SdJwtVc, "urn:child", ["urn:eudi:pid:1"]));
        Assert.False(DcqlMatcher.IsCandidateType(query.Credentials[1], DcqlFormats.SdJwtVc, IdentityVct));
    }
}
