using System.Linq;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.Dcql.Matching.DcqlTestCandidates;

namespace Credentials.Tests.Dcql.Matching;

public class DcqlSetMatchingTests
{
    // Appendix D, claims_alternatives.json with the errata claim name family_name.
    private const string ClaimsAlternatives = """
        {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/identity_credential"]},
          "claims":[{"id":"a","path":["family_name"]},{"id":"b","path":["postal_code"]},{"id":"c","path":["locality"]},{"id":"d","path":["region"]},{"id":"e","path":["date_of_birth"]}],
          "claim_sets":[["a","c","d","e"],["a","b","e"]]}]}
        """;

    // Appendix D, credentials_alternatives.json.
    private const string CredentialsAlternatives = """
        {"credentials":[
          {"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/identity_credential"]},"claims":[{"path":["given_name"]},{"path":["family_name"]},{"path":["address","street_address"]}]},
          {"id":"other_pid","format":"dc+sd-jwt","meta":{"vct_values":["https://othercredentials.example/pid"]},"claims":[{"path":["given_name"]},{"path":["family_name"]},{"path":["address","street_address"]}]},
          {"id":"pid_reduced_cred_1","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/reduced_identity_credential"]},"claims":[{"path":["family_name"]},{"path":["given_name"]}]},
          {"id":"pid_reduced_cred_2","format":"dc+sd-jwt","meta":{"vct_values":["https://cred.example/residence_credential"]},"claims":[{"path":["postal_code"]},{"path":["locality"]},{"path":["region"]}]},
          {"id":"nice_to_have","format":"dc+sd-jwt","meta":{"vct_values":["https://company.example/company_rewards"]},"claims":[{"path":["rewards_number"]}]}],
         "credential_sets":[{"options":[["pid"],["other_pid"],["pid_reduced_cred_1","pid_reduced_cred_2"]]},{"required":false,"options":[["nice_to_have"]]}]}
        """;

    private const string Person = """{"given_name":"John","family_name":"Doe","address":{"street_address":"42 Market Street"}}""";

    private static DcqlCandidate FullPid(string id = "full") => SdJwtCandidate(id, IdentityVct, Person, ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("address"), ClaimPath.Of("address", "street_address"));

    private static DcqlCandidate OtherPid() => SdJwtCandidate("other", "https://othercredentials.example/pid", Person, ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("address", "street_address"));

    private static DcqlCandidate Reduced1() => SdJwtCandidateAllDisclosable("r1", "https://credentials.example.com/reduced_identity_credential", """{"given_name":"John","family_name":"Doe"}""");

    private static DcqlCandidate Reduced2() => SdJwtCandidateAllDisclosable("r2", "https://cred.example/residence_credential", """{"postal_code":"12345","locality":"Milliways","region":"Sol"}""");

    private static DcqlCandidate Rewards() => SdJwtCandidateAllDisclosable("rw", "https://company.example/company_rewards", """{"rewards_number":"42"}""");

    [Fact]
    public void Match_ClaimSetsBothSatisfiable_SelectsFirstOptionAsSection641Says()
    {
        // Option 0 (a, c, d, e) discloses four claims, option 1 (a, b, e) three; the Verifier prefers option 0.
        var candidate = SdJwtCandidateAllDisclosable("c", IdentityVct, """{"family_name":"Doe","postal_code":"12345","locality":"Milliways","region":"Sol","date_of_birth":"1940-01-01"}""");

        var match = DcqlMatcher.Default.Match(Query(ClaimsAlternatives), [candidate]).Credentials[0].Matches[0];

        Assert.Equal(0, match.Selected.ClaimSetIndex);
        Assert.Equal(["a", "c", "d", "e"], match.Selected.ClaimIds.ToArray());
        Assert.Equal(4, match.DisclosureCount);
        Assert.Equal([0, 1], match.Alternatives.Select(a => a.ClaimSetIndex!.Value).ToArray());
        Assert.Equal(3, match.Alternatives[1].DisclosureCount);
    }

    [Fact]
    public void Match_ClaimSetsWithFewestDisclosuresPreference_SelectsSmallerOption()
    {
        var candidate = SdJwtCandidateAllDisclosable("c", IdentityVct, """{"family_name":"Doe","postal_code":"12345","locality":"Milliways","region":"Sol","date_of_birth":"1940-01-01"}""");
        var matcher = new DcqlMatcher(new DcqlMatcherOptions { ClaimSetPreference = DcqlPreference.FewestDisclosures });

        var match = matcher.Match(Query(ClaimsAlternatives), [candidate]).Credentials[0].Matches[0];

        Assert.Equal(1, match.Selected.ClaimSetIndex);
        Assert.Equal(["[\"family_name\"]", "[\"postal_code\"]", "[\"date_of_birth\"]"], Paths(match.Selected.Paths));
    }

    [Fact]
    public void Match_FirstClaimSetUnsatisfiable_FallsBackToSecond()
    {
        // No region: option 0 fails, option 1 (postal_code) works.
        var candidate = SdJwtCandidateAllDisclosable("c", IdentityVct, """{"family_name":"Doe","postal_code":"12345","locality":"Milliways","date_of_birth":"1940-01-01"}""");

        var match = DcqlMatcher.Default.Match(Query(ClaimsAlternatives), [candidate]).Credentials[0].Matches[0];

        Assert.Equal(1, match.Selected.ClaimSetIndex);
        Assert.Single(match.Alternatives);
        Assert.DoesNotContain(ClaimPath.Of("locality"), match.Selected.Paths);
    }

    [Fact]
    public void Match_NoClaimSetSatisfiable_ReturnsNoClaimsAndListsReferencedFailures()
    {
        var candidate = SdJwtCandidateAllDisclosable("c", IdentityVct, """{"family_name":"Doe","locality":"Milliways"}""");

        var result = DcqlMatcher.Default.Match(Query(ClaimsAlternatives), [candidate]);

        Assert.False(result.IsSatisfied);
        var mismatch = Assert.Single(result.Credentials[0].Mismatches);
        Assert.Equal(DcqlMismatchReason.NoClaimSetSatisfied, mismatch.Reason);
        Assert.Equal(["b", "d", "e"], mismatch.ClaimFailures.Select(f => f.Claim.Id!).ToArray());
    }

    [Fact]
    public void Match_ClaimNotInAnyClaimSet_IsNotRequested()
    {
        var query = Query("""
            {"credentials":[{"id":"q","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/identity_credential"]},
              "claims":[{"id":"x","path":["given_name"]},{"id":"unused","path":["nickname"]}],"claim_sets":[["x"]]}]}
            """);

        var match = DcqlMatcher.Default.Match(query, [FullPid()]).Credentials[0].Matches[0];

        Assert.Equal(["[\"given_name\"]"], Paths(match.Selected.Paths));
    }

    [Fact]
    public void Match_CredentialSetsFirstOption_SatisfiedWithOptionalRewards()
    {
        var result = DcqlMatcher.Default.Match(Query(CredentialsAlternatives), [FullPid(), Rewards()]);

        Assert.True(result.IsSatisfied);
        var sets = result.CredentialSets!.Value;
        Assert.Equal(0, sets[0].Preferred!.Index);
        Assert.Equal(["other_pid"], sets[0].Options[1].UnsatisfiedQueryIds.ToArray());
        Assert.Equal(["pid_reduced_cred_1", "pid_reduced_cred_2"], sets[0].Options[2].UnsatisfiedQueryIds.ToArray());
        Assert.False(sets[1].Required);
        Assert.True(sets[1].IsSatisfied);
        Assert.Equal(["pid", "nice_to_have"], result.Selection.Select(s => s.Query.Id).ToArray());
        Assert.Equal([false, true], result.Selection.Select(s => s.IsOptional).ToArray());
    }

    [Fact]
    public void Match_CredentialSetsOnlyReducedCredentials_UsesCombinedOption()
    {
        var result = DcqlMatcher.Default.Match(Query(CredentialsAlternatives), [Reduced1(), Reduced2()]);

        Assert.True(result.IsSatisfied);
        var required = result.CredentialSets!.Value[0];
        Assert.Equal(2, required.Preferred!.Index);
        Assert.Equal(5, required.Preferred.DisclosureCount);
        Assert.False(result.CredentialSets.Value[1].IsSatisfied);
        Assert.Equal(["pid_reduced_cred_1", "pid_reduced_cred_2"], result.Selection.Select(s => s.Query.Id).ToArray());
        Assert.All(result.Selection, s => Assert.False(s.IsOptional));
    }

    [Fact]
    public void Match_CredentialSetsHalfOfCombinedOption_IsNotSatisfied()
    {
        var result = DcqlMatcher.Default.Match(Query(CredentialsAlternatives), [Reduced1(), Rewards()]);

        Assert.False(result.IsSatisfied);
        Assert.Empty(result.Selection);
        Assert.Equal(["pid_reduced_cred_2"], result.CredentialSets!.Value[0].Options[2].UnsatisfiedQueryIds.ToArray());

        // The optional set alone is satisfiable, but nothing is returned when a required set is not.
        Assert.True(result.CredentialSets.Value[1].IsSatisfied);
    }

    [Fact]
    public void Match_CredentialSetsSeveralOptions_PrefersFewestDisclosures()
    {
        // pid discloses address + street_address + names (4); other_pid discloses 3.
        var result = DcqlMatcher.Default.Match(Query(CredentialsAlternatives), [FullPid(), OtherPid()]);

        var required = result.CredentialSets!.Value[0];
        Assert.Equal(4, required.Options[0].DisclosureCount);
        Assert.Equal(3, required.Options[1].DisclosureCount);
        Assert.Equal(1, required.Preferred!.Index);
        Assert.Equal("other_pid", Assert.Single(result.Selection).Query.Id);
    }

    [Fact]
    public void Match_CredentialSetsVerifierOrderPreference_PrefersFirstSatisfiableOption()
    {
        var matcher = new DcqlMatcher(new DcqlMatcherOptions { CredentialSetPreference = DcqlPreference.VerifierOrder });

        var result = matcher.Match(Query(CredentialsAlternatives), [OtherPid(), FullPid()]);

        Assert.Equal(0, result.CredentialSets!.Value[0].Preferred!.Index);
        Assert.Equal("pid", Assert.Single(result.Selection).Query.Id);
    }

    [Fact]
    public void Match_CredentialSetsEqualCost_TiesGoToVerifierOrder()
    {
        var result = DcqlMatcher.Default.Match(Query(CredentialsAlternatives), [OtherPid(), FullPid("full") with { SelectivelyDisclosable = [ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("address", "street_address")] }]);

        Assert.Equal(0, result.CredentialSets!.Value[0].Preferred!.Index);
    }

    [Fact]
    public void Match_QueryInTwoSets_IsSelectedOnce()
    {
        var query = Query($$"""
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{IdentityVct}}"]},"claims":[{"path":["given_name"]}]}],
             "credential_sets":[{"options":[["pid"]]},{"options":[["pid"]],"required":false}]}
            """);

        var result = DcqlMatcher.Default.Match(query, [FullPid()]);

        var selected = Assert.Single(result.Selection);
        Assert.False(selected.IsOptional);
    }

    [Fact]
    public void Match_OnlyOptionalSetUnsatisfied_IsStillSatisfied()
    {
        var result = DcqlMatcher.Default.Match(Query(CredentialsAlternatives), [FullPid()]);

        Assert.True(result.IsSatisfied);
        Assert.False(result.CredentialSets!.Value[1].IsSatisfied);
        Assert.Null(result.CredentialSets.Value[1].Preferred);
        Assert.Equal(["pid"], result.Selection.Select(s => s.Query.Id).ToArray());
    }
}
