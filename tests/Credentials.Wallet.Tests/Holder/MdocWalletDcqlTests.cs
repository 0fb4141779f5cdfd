using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Mdoc;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>DCQL <c>mso_mdoc</c> queries answered from the wallet: matching, the plan, and DeviceResponses bound to the request's session transcript.</summary>
public sealed class MdocWalletDcqlTests
{
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string Mvrc = "org.iso.7367.1.mVRC";

    private static PresentationRequest Redirect(DcqlQuery query, string nonce = Nonce, byte[]? thumbprint = null) => new(query, MdocWalletTestBed.ClientId, nonce)
    {
        ResponseUri = MdocWalletTestBed.ResponseUri,
        EncryptionKeyThumbprint = thumbprint,
    };

    private static string AgeQuery(int nn, bool? intentToRetain = null) => $$"""
        {"credentials":[{"id":"age","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},
          "claims":[{"path":["org.iso.18013.5.1","age_over_{{nn}}"]{{(intentToRetain is { } r ? $",\"intent_to_retain\":{(r ? "true" : "false")}" : "")}}}]}]}
        """;

    private static async Task<PresentationPlan> PrepareAsync(MdocWalletTestBed bed, PresentationRequest request)
    {
        var plan = await bed.Wallet.PrepareAsync(request);
        Assert.True(plan.IsValid, plan.Error?.ToString());
        return plan.Value;
    }

    private static async Task<PresentationResponse> ApproveAsync(MdocWalletTestBed bed, PresentationPlan plan)
    {
        var response = await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve);
        Assert.True(response.IsValid, response.Error?.ToString());
        return response.Value;
    }

    private static MdocVerifiedDocument Verify(MdocWalletTestBed bed, string vpTokenEntry, SessionTranscript transcript)
    {
        var verified = bed.MdocVerifier.Verify(Base64Url.DecodeFromChars(vpTokenEntry), transcript);
        Assert.True(verified.IsValid, verified.Error?.ToString());
        return Assert.Single(verified.Value.Documents);
    }

    private static HashSet<string> ElementNames(MdocVerifiedDocument document) => [.. document.Elements.SelectMany(ns => ns.Value.Keys.Select(k => ns.Key + "/" + k))];

    [Fact]
    public async Task The_complex_mdoc_vector_is_answered_with_one_DeviceResponse_per_query_bound_to_the_redirect_transcript()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var imported = await bed.ImportNewAsync();

        var plan = await PrepareAsync(bed, Redirect(MdocWalletTestBed.Vector("complex_mdoc.json")));

        Assert.True(plan.IsSatisfiable);
        Assert.Equal(["mdl-address", "mdl-id"], plan.Presentations.Select(p => p.QueryId).Order(StringComparer.Ordinal));
        var id = plan.Find("mdl-id")!;
        Assert.Equal(DcqlFormats.MsoMdoc, id.Format);
        Assert.Equal(MdocWalletTestBed.MdlDocType, id.DocType);
        Assert.Equal(imported.Id, id.CredentialId);
        Assert.Equal(3, id.RequestedClaims.Length);
        Assert.Empty(id.AlsoRevealedClaims);
        Assert.Empty(id.AlwaysVisibleClaims);
        Assert.Equal("Hanako", id.RequestedClaims.Single(c => c.Path.Equals(ClaimPath.Of(MdocWalletTestBed.Mdl, "given_name"))).Value.GetString());

        var response = await ApproveAsync(bed, plan);

        var transcript = SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, Nonce, null, MdocWalletTestBed.ResponseUri);
        var idDocument = Verify(bed, Assert.Single(response.VpToken["mdl-id"]), transcript);
        Assert.Equal(["org.iso.18013.5.1/family_name", "org.iso.18013.5.1/given_name", "org.iso.18013.5.1/portrait"], ElementNames(idDocument).Order(StringComparer.Ordinal));
        var addressDocument = Verify(bed, Assert.Single(response.VpToken["mdl-address"]), transcript);
        Assert.Equal(["org.iso.18013.5.1/resident_address", "org.iso.18013.5.1/resident_country"], ElementNames(addressDocument).Order(StringComparer.Ordinal));
        Assert.False(bed.MdocVerifier.Verify(Base64Url.DecodeFromChars(response.VpToken["mdl-id"][0]), SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, "other", null, MdocWalletTestBed.ResponseUri)).IsValid);
    }

    [Fact]
    public async Task The_simple_mdoc_vector_matches_by_doctype_only()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();
        var query = MdocWalletTestBed.Vector("simple_mdoc.json");

        var withMdlOnly = await PrepareAsync(bed, Redirect(query));
        Assert.False(withMdlOnly.IsSatisfiable);
        Assert.Equal(UnansweredReason.NoCredentialOfType, Assert.Single(withMdlOnly.Unanswered).Reason);

        var vehicle = new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>
        {
            ["org.iso.7367.1"] = new Dictionary<string, MdocValue> { ["vehicle_holder"] = MdocValue.FromText("山田 花子"), ["registration_number"] = MdocValue.FromText("品川 300 あ 12-34") },
            [MdocWalletTestBed.Mdl] = new Dictionary<string, MdocValue> { ["given_name"] = MdocValue.FromText("Hanako") },
        };
        var mvrc = await bed.ImportNewAsync(Mvrc, vehicle);

        var plan = await PrepareAsync(bed, Redirect(query, "n2"));
        Assert.True(plan.IsSatisfiable);
        Assert.Equal(mvrc.Id, Assert.Single(plan.Presentations).CredentialId);
        var response = await ApproveAsync(bed, plan);
        var document = Verify(bed, response.VpToken["my_credential"][0], SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, "n2", null, MdocWalletTestBed.ResponseUri));
        Assert.Equal(Mvrc, document.DocType);
        Assert.Equal(["org.iso.18013.5.1/given_name", "org.iso.7367.1/vehicle_holder"], ElementNames(document).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Claim_values_and_claim_sets_are_honoured_with_the_fewest_elements()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();
        var query = MdocWalletTestBed.ParseQuery("""
            {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},
              "claims":[
                {"id":"kanji","path":["org.iso.18013.5.1","family_name_national_character"]},
                {"id":"latin","path":["org.iso.18013.5.1","family_name"]},
                {"id":"country","path":["org.iso.18013.5.1","resident_country"],"values":["JP"]}],
              "claim_sets":[["kanji","latin","country"],["kanji","country"]]}]}
            """);

        var plan = await PrepareAsync(bed, Redirect(query));

        var planned = Assert.Single(plan.Presentations);
        Assert.Equal(["org.iso.18013.5.1/family_name_national_character", "org.iso.18013.5.1/resident_country"], planned.RequestedClaims.Select(c => c.Path.Components[0].Name + "/" + c.Path.Components[1].Name).Order(StringComparer.Ordinal));
        var response = await ApproveAsync(bed, plan);
        var document = Verify(bed, response.VpToken["mdl"][0], SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, Nonce, null, MdocWalletTestBed.ResponseUri));
        Assert.Equal(2, ElementNames(document).Count);

        var wrongValue = MdocWalletTestBed.ParseQuery("""
            {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"},
              "claims":[{"path":["org.iso.18013.5.1","resident_country"],"values":["US"]}]}]}
            """);
        var refused = await PrepareAsync(bed, Redirect(wrongValue, "n3"));
        Assert.Equal(UnansweredReason.ValueMismatch, Assert.Single(refused.Unanswered).Reason);
    }

    [Fact]
    public async Task Intent_to_retain_is_carried_to_the_plan()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();

        var retained = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(18, intentToRetain: true))));
        var notRetained = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(18, intentToRetain: false)), "n2"));
        var unstated = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(18)), "n3"));

        Assert.True(Assert.Single(Assert.Single(retained.Presentations).RequestedClaims).IntentToRetain);
        Assert.False(Assert.Single(Assert.Single(notRetained.Presentations).RequestedClaims).IntentToRetain);
        Assert.Null(Assert.Single(Assert.Single(unstated.Presentations).RequestedClaims).IntentToRetain);
    }

    [Fact]
    public async Task An_age_over_NN_the_mdoc_lacks_is_left_unanswered_never_replaced_by_another_threshold()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync(elements: MdocWalletTestBed.MdlElements(ageOver20: false));

        var plan = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(20))));

        Assert.False(plan.IsSatisfiable);
        Assert.Empty(plan.Presentations);
        var unanswered = Assert.Single(plan.Unanswered);
        Assert.Equal(UnansweredReason.CannotAnswerWithoutDisclosingMore, unanswered.Reason);
        Assert.Contains(ClaimPath.Of(MdocWalletTestBed.Mdl, "age_over_21"), unanswered.HeldInstead);
        Assert.Equal(HolderErrors.PlanNotSatisfiable, (await bed.Wallet.RespondAsync(plan, PresentationConsent.Approve)).Error!.Code);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task An_exact_age_over_NN_discloses_that_element_alone()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();

        var plan = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(20))));
        var response = await ApproveAsync(bed, plan);

        var document = Verify(bed, response.VpToken["age"][0], SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, Nonce, null, MdocWalletTestBed.ResponseUri));
        Assert.Equal(["org.iso.18013.5.1/age_over_20"], ElementNames(document));
    }

    [Fact]
    public async Task An_encrypted_response_binds_the_verifier_key_thumbprint_into_the_transcript()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();
        var thumbprint = new byte[32];
        thumbprint[0] = 0x42;

        var plan = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(18)), thumbprint: thumbprint));
        var response = await ApproveAsync(bed, plan);

        var token = Base64Url.DecodeFromChars(response.VpToken["age"][0]);
        Assert.True(bed.MdocVerifier.Verify(token, SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, Nonce, thumbprint, MdocWalletTestBed.ResponseUri)).IsValid);
        Assert.Equal(MdocErrors.InvalidDeviceSignature, bed.MdocVerifier.Verify(token, SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, Nonce, null, MdocWalletTestBed.ResponseUri)).Error!.Code);
    }

    [Fact]
    public async Task Over_the_Digital_Credentials_API_the_transcript_is_the_origin_handover()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        await bed.ImportNewAsync();
        const string origin = "https://shop.example.jp";
        var request = new PresentationRequest(MdocWalletTestBed.ParseQuery(AgeQuery(18)), "origin:" + origin, Nonce) { Origin = origin };

        var response = await ApproveAsync(bed, await PrepareAsync(bed, request));

        var token = Base64Url.DecodeFromChars(response.VpToken["age"][0]);
        Assert.True(bed.MdocVerifier.Verify(token, SessionTranscript.ForDigitalCredentialsApi(origin, Nonce, null)).IsValid);
        Assert.False(bed.MdocVerifier.Verify(token, SessionTranscript.ForDigitalCredentialsApi("https://evil.example", Nonce, null)).IsValid);
    }

    [Fact]
    public async Task A_request_without_response_uri_or_origin_cannot_be_answered_with_an_mdoc_and_uses_nothing()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var batch = await bed.Wallet.ImportMdocBatchAsync([(await bed.IssueAsync(key.PublicJwk)).Encode()]);
        Assert.True(batch.IsValid);
        var request = new PresentationRequest(MdocWalletTestBed.ParseQuery(AgeQuery(18)), MdocWalletTestBed.ClientId, Nonce);

        var response = await bed.Wallet.RespondAsync(await PrepareAsync(bed, request), PresentationConsent.Approve);

        Assert.Equal(HolderErrors.InvalidPresentationRequest, response.Error!.Code);
        Assert.Equal(1, Assert.Single((await bed.Wallet.ListAsync()).Value).RemainingCopies);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task Answering_uses_single_use_copies_and_logs_element_names_only()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var copies = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < 2; i++)
        {
            var key = await bed.NewHolderKeyAsync();
            copies.Add((await bed.IssueAsync(key.PublicJwk)).Encode());
        }

        var batch = await bed.Wallet.ImportMdocBatchAsync(copies);
        var plan = await PrepareAsync(bed, Redirect(MdocWalletTestBed.Vector("complex_mdoc.json")));
        Assert.Equal(2, plan.Find("mdl-id")!.RemainingCopies);

        var response = await ApproveAsync(bed, plan);

        Assert.Equal(2, response.Presented.Length);
        Assert.NotEqual(response.Presented[0].CopyId, response.Presented[1].CopyId);
        Assert.Equal(0, Assert.Single((await bed.Wallet.ListAsync()).Value).RemainingCopies);
        var entry = Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
        Assert.Equal(MdocWalletTestBed.ClientId, entry.Verifier);
        Assert.Equal(5, entry.Credentials.Sum(c => c.Claims.Count));
        Assert.All(entry.Credentials, c => Assert.Equal(batch.Value.Id, c.CredentialId));
        Assert.All(entry.Credentials.SelectMany(c => c.Claims), c => Assert.Null(c.ValueJson));
    }

    [Fact]
    public async Task An_SD_JWT_VC_query_is_not_answered_by_an_mdoc_and_a_denial_uses_nothing()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        Assert.True((await bed.Wallet.ImportMdocBatchAsync([(await bed.IssueAsync(key.PublicJwk)).Encode()])).IsValid);
        var sdJwtQuery = MdocWalletTestBed.ParseQuery("""
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["org.iso.18013.5.1.mDL"]},"claims":[{"path":["given_name"]}]}]}
            """);

        var other = await PrepareAsync(bed, Redirect(sdJwtQuery));
        Assert.False(other.IsSatisfiable);
        Assert.Equal(UnansweredReason.NoCredentialOfType, Assert.Single(other.Unanswered).Reason);

        var plan = await PrepareAsync(bed, Redirect(MdocWalletTestBed.ParseQuery(AgeQuery(18)), "n2"));
        var denied = await bed.Wallet.RespondAsync(plan, PresentationConsent.Deny);
        Assert.True(denied.Value.IsDenied);
        Assert.Empty(denied.Value.VpToken);
        Assert.Equal(1, Assert.Single((await bed.Wallet.ListAsync()).Value).RemainingCopies);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }
}
