using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.W3c.JsonLd;
using Xunit;
using static Credentials.Tests.Dcql.Matching.DcqlTestCandidates;

namespace Credentials.Tests.Dcql.Matching;

/// <summary>DCQL matching of W3C credentials (OpenID4VP 1.0 Appendix B.1): <c>type_values</c> and whole-credential disclosure.</summary>
public class DcqlW3cMatchingTests
{
    private const string ObVocab = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
    private const string VcVocab = "https://www.w3.org/2018/credentials#";

    private const string Badge = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
         "id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:example:issuer","type":["Profile"]},
         "name":"Teamwork Badge","validFrom":"2024-01-01T00:00:00Z",
         "credentialSubject":{"id":"did:example:holder","type":["AchievementSubject"],
           "achievement":{"id":"urn:uuid:a","type":["Achievement"],"name":"Teamwork","criteria":{"narrative":"Works well"}}}}
        """;

    private const string IdCredential11 = """
        {"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential","IDCredential"],
         "issuer":"did:example:issuer","issuanceDate":"2024-01-01T00:00:00Z",
         "credentialSubject":{"id":"did:example:holder","family_name":"Doe","given_name":"John"}}
        """;

    private static async Task<DcqlCandidate> W3cCandidate(string id, string format, string json)
    {
        var claims = ParseJson(json);
        var types = (await DcqlW3cTypes.ExpandAsync(claims)).GetValueOrThrow();
        return new DcqlCandidate { Id = id, Format = format, Claims = claims, W3cTypes = types, SupportsCryptographicHolderBinding = true };
    }

    private static string BadgeQuery(string format, string typeValues, string claims, string extra = "")
        => $$"""{"credentials":[{"id":"badge","format":"{{format}}","meta":{"type_values":{{typeValues}}}{{extra}}{{(claims.Length == 0 ? "" : ",\"claims\":" + claims)}}}]}""";

    [Fact]
    public async Task ExpandAsync_OpenBadge_GivesIrisFromTheContexts()
    {
        var types = (await DcqlW3cTypes.ExpandAsync(ParseJson(Badge))).GetValueOrThrow();

        Assert.Equal([VcVocab + "VerifiableCredential", ObVocab + "OpenBadgeCredential"], types.ToArray());
    }

    [Fact]
    public async Task ExpandAsync_TypeNoContextDefines_StaysRelative()
    {
        // Appendix B.1.1: a type no @context defines remains a relative IRI.
        var types = (await DcqlW3cTypes.ExpandAsync(ParseJson(IdCredential11))).GetValueOrThrow();

        Assert.Equal([VcVocab + "VerifiableCredential", "IDCredential"], types.ToArray());
    }

    [Fact]
    public async Task ExpandAsync_UnpinnedContext_FailsWithJsonLdCode()
    {
        var result = await DcqlW3cTypes.ExpandAsync(ParseJson("""{"@context":["https://unknown.example/ctx"],"type":["X"]}"""));

        Assert.False(result.IsValid);
        Assert.Equal(JsonLdErrors.LoadingRemoteContextFailed, result.Error.Code);
    }

    [Fact]
    public async Task ExpandAsync_NoType_IsInvalidMeta()
    {
        var result = await DcqlW3cTypes.ExpandAsync(ParseJson("""{"@context":["https://www.w3.org/ns/credentials/v2"]}"""));

        Assert.Equal(DcqlErrors.InvalidMeta, result.Error!.Code);
    }

    [Theory]
    [InlineData(DcqlFormats.LdpVc)]
    [InlineData(DcqlFormats.JwtVcJson)]
    public async Task Match_ExpandedTypesAndNestedClaim_MatchesAndDisclosesWholeCredential(string format)
    {
        var candidate = await W3cCandidate("b1", format, Badge);
        var query = Query(BadgeQuery(format, $"""[["{ObVocab}OpenBadgeCredential"]]""", """[{"path":["credentialSubject","achievement","name"]}]"""));

        var result = DcqlMatcher.Default.Match(query, [candidate]);

        Assert.True(result.IsSatisfied);
        var match = Assert.Single(result.GetCredential("badge").Matches);
        Assert.Equal(["[\"credentialSubject\",\"achievement\",\"name\"]"], Paths(match.Selected.Paths));
        Assert.True(match.DisclosesWholeCredential);
        Assert.True(match.Selected.DisclosesWholeCredential);

        // Every top-level member is disclosed, with everything beneath it.
        Assert.Equal(ParseJson(Badge).EnumerateObject().Count(), match.DisclosureCount);
        Assert.Contains("[\"credentialSubject\"]", Paths(match.Selected.Disclosures));
        Assert.Contains("[\"issuer\"]", Paths(match.Selected.Disclosures));
    }

    [Fact]
    public async Task Match_CompactTypeForVcdm2Credential_DoesNotMatch()
    {
        // The types are compared fully expanded: the OB term is not its IRI.
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge);
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, """[["OpenBadgeCredential"]]""", ""));

        var result = DcqlMatcher.Default.Match(query, [candidate]);

        Assert.False(result.IsSatisfied);
        Assert.Equal(DcqlMismatchReason.TypeMismatch, Assert.Single(result.GetCredential("badge").Mismatches).Reason);
    }

    [Fact]
    public async Task Match_UndefinedTypeSpecExample_MatchesRelativeIri()
    {
        // The OpenID4VP 1.0 example request (examples/request/dcql_jwt_vc.json).
        var candidate = await W3cCandidate("id1", DcqlFormats.JwtVcJson, IdCredential11);
        var query = Query("""
            {"credentials":[{"id":"example_jwt_vc","format":"jwt_vc_json","meta":{"type_values":[["IDCredential"]]},
              "claims":[{"path":["credentialSubject","family_name"]},{"path":["credentialSubject","given_name"]}]}]}
            """);

        var match = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("example_jwt_vc").Matches);

        Assert.Equal(["[\"credentialSubject\",\"family_name\"]", "[\"credentialSubject\",\"given_name\"]"], Paths(match.Selected.Paths));
        Assert.True(match.DisclosesWholeCredential);
    }

    [Fact]
    public async Task Match_TypeValuesAlternatives_AnyInnerSetFullyPresentMatches()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge);
        var missing = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential","{ObVocab}AchievementCredential"]]""", ""));
        var alternative = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}AchievementCredential"],["{ObVocab}OpenBadgeCredential","{VcVocab}VerifiableCredential"]]""", ""));

        Assert.False(DcqlMatcher.Default.Match(missing, [candidate]).IsSatisfied);
        var match = Assert.Single(DcqlMatcher.Default.Match(alternative, [candidate]).GetCredential("badge").Matches);
        Assert.True(match.DisclosesWholeCredential);
        Assert.Empty(match.Selected.Paths);
    }

    [Fact]
    public async Task Match_FormatDiffers_IsFormatMismatch()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.JwtVcJson, Badge);
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential"]]""", ""));

        var mismatch = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("badge").Mismatches);

        Assert.Equal(DcqlMismatchReason.FormatMismatch, mismatch.Reason);
    }

    [Fact]
    public async Task Match_MissingClaim_IsClaimMissing()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge);
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential"]]""", """[{"path":["credentialSubject","achievement","image"]}]"""));

        var mismatch = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("badge").Mismatches);

        Assert.Equal(DcqlMismatchReason.ClaimMissing, mismatch.Reason);
    }

    [Fact]
    public async Task Match_ClaimSets_FirstSatisfiableOptionAndValues()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge);
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential"]]""", """
            [{"id":"img","path":["credentialSubject","achievement","image"]},
             {"id":"nm","path":["credentialSubject","achievement","name"],"values":["Teamwork"]},
             {"id":"crit","path":["credentialSubject","achievement","criteria","narrative"]}]
            """, ""","claim_sets":[["img"],["nm","crit"]]"""));

        var match = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("badge").Matches);

        Assert.Equal(1, match.Selected.ClaimSetIndex);
        Assert.Equal(["nm", "crit"], match.Selected.ClaimIds.ToArray());
        Assert.True(match.DisclosesWholeCredential);
    }

    [Fact]
    public async Task Match_ValueDiffers_IsValueMismatch()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge);
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential"]]""", """[{"path":["credentialSubject","achievement","name"],"values":["Leadership"]}]"""));

        var mismatch = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("badge").Mismatches);

        Assert.Equal(DcqlMismatchReason.ValueMismatch, mismatch.Reason);
    }

    [Fact]
    public async Task Match_HolderBindingRequiredWithoutSubjectDid_IsHolderBindingUnsupported()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge) with { SupportsCryptographicHolderBinding = false };
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential"]]""", ""));

        var mismatch = Assert.Single(DcqlMatcher.Default.Match(query, [candidate]).GetCredential("badge").Mismatches);

        Assert.Equal(DcqlMismatchReason.HolderBindingUnsupported, mismatch.Reason);
    }

    [Fact]
    public async Task IsW3cCandidateType_JudgesOnExpandedTypes()
    {
        var candidate = await W3cCandidate("b1", DcqlFormats.LdpVc, Badge);
        var query = Query(BadgeQuery(DcqlFormats.LdpVc, $"""[["{ObVocab}OpenBadgeCredential"]]""", "")).Credentials[0];

        Assert.True(DcqlMatcher.IsW3cCandidateType(query, DcqlFormats.LdpVc, candidate.W3cTypes));
        Assert.False(DcqlMatcher.IsW3cCandidateType(query, DcqlFormats.JwtVcJson, candidate.W3cTypes));
        Assert.False(DcqlMatcher.IsW3cCandidateType(query, DcqlFormats.LdpVc, ImmutableArray.Create(VcVocab + "VerifiableCredential")));
    }

    [Fact]
    public void IsMatchable_W3cFormats()
    {
        Assert.True(DcqlFormats.IsMatchable(DcqlFormats.JwtVcJson));
        Assert.True(DcqlFormats.IsMatchable(DcqlFormats.LdpVc));
        Assert.False(DcqlFormats.IsMatchable("jwt_vc_json-ld"));
    }
}
