using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Conformance.Tests.Dcql;

/// <summary>The DCQL examples of OpenID4VP 1.0 (sections 5.4, 6.1.1, 7.3, 7.4, Appendices B and D) parse and behave as the text says.</summary>
public class DcqlSpecExampleTests
{
    public static TheoryData<string> QueryFiles() => [.. DcqlVectors.QueryFiles];

    [Fact]
    public void QueriesFolder_HoldsExactlyTheListedVectors()
    {
        Assert.Equal(DcqlVectors.QueryFiles, DcqlVectors.FilesIn("queries"));
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void Parse_SpecExample_IsValid(string file)
    {
        var result = DcqlQuery.Read(DcqlVectors.ReadText("queries/" + file));

        Assert.True(result.IsValid, $"{file}: {result.Error}");
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void ParseUtf8_SpecExample_IsValid(string file)
    {
        var result = DcqlQuery.Read(Encoding.UTF8.GetBytes(DcqlVectors.ReadText("queries/" + file)).AsMemory());

        Assert.True(result.IsValid, $"{file}: {result.Error}");
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void ToJson_SpecExample_IsSemanticallyEqualToTheSpecText(string file)
    {
        // The examples use no default values, so writing back must reproduce them (up to whitespace).
        var original = DcqlVectors.Load("queries/" + file);

        var written = DcqlQuery.Read(DcqlVectors.ReadText("queries/" + file)).GetValueOrThrow().ToJson();

        using var document = JsonDocument.Parse(written);
        Assert.True(JsonElement.DeepEquals(original, document.RootElement), $"{file}: {written}");
    }

    [Fact]
    public void Parse_SimpleExample_HasTheRequestedShape()
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/simple.json")).GetValueOrThrow();

        var credential = Assert.Single(query.Credentials);
        Assert.Equal("my_credential", credential.Id);
        Assert.Equal(DcqlFormats.SdJwtVc, credential.Format);
        Assert.Equal(["https://credentials.example.com/identity_credential"], credential.Meta.VctValues!.Value.ToArray());
        Assert.Equal(
            [ClaimPath.Of("last_name"), ClaimPath.Of("first_name"), ClaimPath.Of("address", "street_address")],
            credential.Claims!.Value.Select(c => c.Path).ToArray());
    }

    [Fact]
    public void Parse_CredentialsAlternatives_HasRequiredAndOptionalSets()
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/credentials_alternatives.json")).GetValueOrThrow();

        var sets = query.CredentialSets!.Value;
        Assert.Equal(2, sets.Length);
        Assert.True(sets[0].Required);
        Assert.Equal(3, sets[0].Options.Length);
        Assert.Equal(["pid_reduced_cred_1", "pid_reduced_cred_2"], sets[0].Options[2].ToArray());
        Assert.False(sets[1].Required);
    }

    [Fact]
    public void Parse_ClaimsAlternatives_HasTwoClaimSetsInVerifierOrder()
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/claims_alternatives.json")).GetValueOrThrow();

        var claimSets = query.Credentials[0].ClaimSets!.Value;
        Assert.Equal(["a", "c", "d", "e"], claimSets[0].ToArray());
        Assert.Equal(["a", "b", "e"], claimSets[1].ToArray());
    }

    [Fact]
    public void Parse_ValueMatchingExample_ReadsStringValues()
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/value_matching_simple.json")).GetValueOrThrow();

        var claims = query.Credentials[0].Claims!.Value;
        Assert.Equal([DcqlClaimValue.FromString("Doe")], claims[0].Values!.Value.ToArray());
        Assert.Null(claims[1].Values);
        Assert.Equal([DcqlClaimValue.FromString("90210"), DcqlClaimValue.FromString("90211")], claims[3].Values!.Value.ToArray());
    }

    [Fact]
    public void Parse_MdocExamples_ReadDoctypeAndNamespacePaths()
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/complex_mdoc.json")).GetValueOrThrow();

        Assert.Equal(["org.iso.18013.5.1.mDL", "org.iso.18013.5.1.mDL", "org.iso.23220.photoid.1", "org.iso.23220.photoid.1"], query.Credentials.Select(c => c.Meta.DoctypeValue!).ToArray());
        Assert.All(query.Credentials.SelectMany(c => c.Claims!.Value), c => Assert.Equal(2, c.Path.Length));
    }

    [Theory]
    [InlineData("jwt_vc_json.json")]
    [InlineData("ldp_vc.json")]
    public void Match_W3cExamples_MatchByTypeValuesAndDiscloseTheWholeCredential(string file)
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/" + file)).GetValueOrThrow();
        var credential = query.Credentials[0];
        using var claims = JsonDocument.Parse("""{"credentialSubject":{"family_name":"Doe","given_name":"John","birthdate":"1940-01-01","address":{"street_address":"s","locality":"l","postal_code":"p","country":"c"}}}""");
        // Appendix B.1.1: a type no context defines stays as written, so the example's "IDCredential" is its expanded form.
        var candidate = new DcqlCandidate { Id = "w3c", Format = credential.Format, Claims = claims.RootElement.Clone(), W3cTypes = ["VerifiableCredential", "IDCredential"], SupportsCryptographicHolderBinding = true };
        var otherType = candidate with { Id = "other", W3cTypes = ["VerifiableCredential", "OtherCredential"] };

        var result = DcqlMatcher.Default.Match(query, [candidate]);
        var mismatch = DcqlMatcher.Default.Match(query, [otherType]);

        Assert.Equal(["IDCredential"], credential.Meta.TypeValues!.Value.Single().ToArray());
        Assert.True(result.IsSatisfied);
        Assert.True(result.Credentials[0].Matches[0].DisclosesWholeCredential);
        Assert.False(mismatch.IsSatisfied);
    }

    [Fact]
    public void Parse_TrustedAuthoritiesExampleEntries_AreAccepted()
    {
        var entries = DcqlVectors.ReadText("other/trusted_authorities_entries.json");
        var json = $$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"trusted_authorities":{{entries}}}]}""";

        var query = DcqlQuery.Read(json).GetValueOrThrow();

        Assert.Equal(
            [TrustedAuthorityTypes.Aki, TrustedAuthorityTypes.EtsiTrustedList, TrustedAuthorityTypes.OpenIdFederation],
            query.Credentials[0].TrustedAuthorities!.Value.Select(t => t.Type).ToArray());
    }

    public static TheoryData<int> PointerCases() => [.. Enumerable.Range(0, DcqlVectors.Load("other/claims_path_pointer_example.json").GetProperty("pointers").GetArrayLength())];

    [Fact]
    public void ClaimsPathPointerExample_HasTheFiveSpecPointers()
    {
        Assert.Equal(5, PointerCases().Count);
    }

    [Theory]
    [MemberData(nameof(PointerCases))]
    public void TrySelect_Section73Pointer_SelectsTheClaimsTheTextNames(int index)
    {
        var vector = DcqlVectors.Load("other/claims_path_pointer_example.json");
        var pointer = vector.GetProperty("pointers")[index];
        Assert.True(ClaimPath.TryRead(pointer.GetProperty("path"), out var path));

        Assert.True(path.TrySelect(vector.GetProperty("credential"), out var selected));

        var expected = pointer.GetProperty("selected").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, selected.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(ClaimPath.TryRead(expected[i].GetProperty("path"), out var expectedPath));
            Assert.Equal(expectedPath, selected[i].Path);
            Assert.True(JsonElement.DeepEquals(expected[i].GetProperty("value"), selected[i].Value));
        }
    }

    [Fact]
    public void Match_SimpleExampleAgainstAppendixB32Credential_ReportsExactlyTheMissingClaims()
    {
        // The final text asks for last_name/first_name; the errata renamed them to the example credential's
        // family_name/given_name. The example credential has no address, so street_address is missing either way.
        var credential = DcqlVectors.Load("other/sd_jwt_vc_unsecured.json");
        var candidate = new DcqlCandidate
        {
            Id = "example",
            Format = DcqlFormats.SdJwtVc,
            Vct = credential.GetProperty("vct").GetString(),
            Claims = credential,
            SelectivelyDisclosable = [ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("birthdate")],
            SupportsCryptographicHolderBinding = true,
        };
        var text = DcqlVectors.ReadText("queries/simple.json");

        var final = DcqlMatcher.Default.Match(DcqlQuery.Read(text).GetValueOrThrow(), [candidate]);
        var errata = DcqlMatcher.Default.Match(DcqlQuery.Read(text.Replace("last_name", "family_name").Replace("first_name", "given_name")).GetValueOrThrow(), [candidate]);

        Assert.Equal(
            [ClaimPath.Of("last_name"), ClaimPath.Of("first_name"), ClaimPath.Of("address", "street_address")],
            final.Credentials[0].Mismatches[0].ClaimFailures.Select(f => f.Claim.Path).ToArray());
        Assert.Equal(
            [ClaimPath.Of("address", "street_address")],
            errata.Credentials[0].Mismatches[0].ClaimFailures.Select(f => f.Claim.Path).ToArray());
        Assert.False(errata.IsSatisfied);
    }

    [Fact]
    public void Match_ValueMatchingExample_MatchesOnlyTheExpectedValues()
    {
        var query = DcqlQuery.Read(DcqlVectors.ReadText("queries/value_matching_simple.json")).GetValueOrThrow();
        using var matching = JsonDocument.Parse("""{"vct":"https://credentials.example.com/identity_credential","last_name":"Doe","first_name":"John","address":{"street_address":"42 Market Street"},"postal_code":"90211"}""");
        var candidate = new DcqlCandidate
        {
            Id = "c",
            Format = DcqlFormats.SdJwtVc,
            Vct = "https://credentials.example.com/identity_credential",
            Claims = matching.RootElement.Clone(),
            SupportsCryptographicHolderBinding = true,
        };
        using var other = JsonDocument.Parse(matching.RootElement.GetRawText().Replace("\"Doe\"", "\"Dent\""));

        Assert.True(DcqlMatcher.Default.Match(query, [candidate]).IsSatisfied);
        var mismatch = DcqlMatcher.Default.Match(query, [candidate with { Claims = other.RootElement.Clone() }]).Credentials[0].Mismatches[0];
        Assert.Equal(DcqlMismatchReason.ValueMismatch, mismatch.Reason);
        Assert.Equal(ClaimPath.Of("last_name"), Assert.Single(mismatch.ClaimFailures).Claim.Path);
    }
}
