using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>
/// OpenID4VP 1.0 Appendix B.1 end to end over HTTP on 127.0.0.1: Open Badges as <c>ldp_vc</c> and <c>jwt_vc_json</c>,
/// the wallet answering with a Data Integrity presentation or a <c>vp+jwt</c>, the verifier checking the binding to its
/// nonce and client_id, the holder = subject binding and the credential (trusted issuer).
/// </summary>
public sealed class OpenId4VpW3cEndToEndTests
{
    [Theory]
    [InlineData(DcqlFormats.LdpVc)]
    [InlineData(DcqlFormats.JwtVcJson)]
    public async Task PresentAsync_Badge_AcceptedWithWholeCredential(string format)
    {
        await using var bed = await OpenId4VpW3cTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(format);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpW3cTestBed.BadgeQuery(format));
        PresentationPlan? shown = null;

        var submission = await bed.Client.PresentAsync(transaction.ByReferenceLink!, (plan, _) =>
        {
            shown = plan;
            return ValueTask.FromResult(PresentationConsent.Approve);
        });

        Assert.True(submission.IsValid, submission.Error?.ToString());
        Assert.Equal(200, submission.Value.StatusCode);
        Assert.True(shown!.Presentations.Single().DisclosesWholeCredential);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        var presentation = Assert.Single(result.ValidPresentationsFor("badge"));
        Assert.Equal(format, presentation.Format);
        Assert.Equal(bed.HolderDid, presentation.Holder);
        Assert.Equal(bed.IssuerDid, presentation.Issuer);
        Assert.True(presentation.DisclosesWholeCredential);
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], presentation.Types.ToArray());
        Assert.Equal(["[\"credentialSubject\",\"achievement\",\"name\"]"], presentation.RequestedClaims.Select(p => p.ToString()));
        Assert.Equal("Teamwork", presentation.Claims!.Value.GetProperty("credentialSubject").GetProperty("achievement").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(DcqlFormats.LdpVc, "di.challenge_mismatch")]
    [InlineData(DcqlFormats.JwtVcJson, null)]
    public async Task ReceiveResponse_WrongNonce_RejectedAsHolderBindingFailure(string format, string? inner)
    {
        await using var bed = await OpenId4VpW3cTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(format);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpW3cTestBed.BadgeQuery(format));
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, transaction.Request.ClientId, "another-nonce");

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpTransactionStatus.Rejected, result.Status);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.Error!.Code);
        if (inner is not null)
        {
            Assert.Equal(inner, result.Error.Inner!.Code.Value);
        }
    }

    [Theory]
    [InlineData(DcqlFormats.LdpVc, "di.domain_mismatch")]
    [InlineData(DcqlFormats.JwtVcJson, null)]
    public async Task ReceiveResponse_PresentationForAnotherClientId_RejectedAsHolderBindingFailure(string format, string? inner)
    {
        await using var bed = await OpenId4VpW3cTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(format);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpW3cTestBed.BadgeQuery(format));
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, "redirect_uri:https://other-verifier.example/response", transaction.Request.Nonce);

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.Error!.Code);
        if (inner is not null)
        {
            Assert.Equal(inner, result.Error.Inner!.Code.Value);
        }
    }

    [Fact]
    public async Task ReceiveResponse_HolderIsNotTheSubject_RejectedAsHolderBindingFailure()
    {
        await using var bed = await OpenId4VpW3cTestBed.StartAsync();
        var credential = await bed.IssueIntoWalletAsync(DcqlFormats.LdpVc);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpW3cTestBed.BadgeQuery(DcqlFormats.LdpVc));

        // Someone who copied the badge presents it with their own key, bound to this very request.
        using var thief = SigningKey.Create(JwsAlgorithm.EdDsa);
        var thiefDid = DidKey.Create(thief);
        var vp = new W3cPresentationBuilder().Holder(thiefDid.ToString()).Credential(W3cCredential.Read(credential).GetValueOrThrow()).Build();
        var secured = await new DataIntegrityIssuer(thief, DidKey.GetKeyId(thiefDid).ToString()).AddProofAsync(
            JsonNode.Parse(vp.ToJson())!.AsObject(),
            new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022, ProofPurpose = ProofPurposes.Authentication, Challenge = transaction.Request.Nonce, Domain = [transaction.Request.ClientId] });
        var vpToken = AuthorizationResponse.WriteVpToken(new Dictionary<string, ImmutableArray<string>> { ["badge"] = [secured.ToJsonString()] });

        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal(OpenId4VpErrors.HolderBindingFailed, result.Error!.Code);
        Assert.Equal(W3cPresentationErrors.HolderNotSubject, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task VerifyDataIntegrity_UntrustedIssuer_FailsCredentialsCheck()
    {
        await using var bed = await OpenId4VpW3cTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(DcqlFormats.LdpVc);
        var transaction = await bed.Verifier.CreateRequestAsync(OpenId4VpW3cTestBed.BadgeQuery(DcqlFormats.LdpVc));
        var vpToken = await bed.VpTokenForAsync(transaction.Request.DcqlQuery, transaction.Request.ClientId, transaction.Request.Nonce);

        // The same presentation checked by a verifier that trusts another issuer.
        var verifier = new W3cPresentationVerifier(OpenId4VpW3cTestBed.Resolver, OpenId4VpW3cTestBed.CredentialVerifier("did:example:other"));
        var presentation = AuthorizationResponse.ReadVpToken(vpToken).GetValueOrThrow()["badge"][0];
        var checkedResult = await verifier.VerifyDataIntegrityAsync(presentation, transaction.Request.Nonce, transaction.Request.ClientId);

        Assert.Equal(VcErrors.UntrustedIssuer, checkedResult.Error!.Code);
        Assert.Equal(CheckOutcome.Failed, checkedResult.OutcomeOf(W3cCheckKind.Credentials));
    }

    [Fact]
    public async Task ReceiveResponse_QueryTypeNotPresented_ClaimsOrTypeMismatch()
    {
        await using var bed = await OpenId4VpW3cTestBed.StartAsync();
        await bed.IssueIntoWalletAsync(DcqlFormats.LdpVc);
        var asked = DcqlQuery.Read("""
            {"credentials":[{"id":"badge","format":"ldp_vc","meta":{"type_values":[["https://example.org/vocab#Diploma"]]}}]}
            """).GetValueOrThrow();
        var transaction = await bed.Verifier.CreateRequestAsync(asked);

        // The wallet answers with a badge anyway (made for a badge query, bound to this request).
        var vpToken = await bed.VpTokenForAsync(OpenId4VpW3cTestBed.BadgeQuery(DcqlFormats.LdpVc), transaction.Request.ClientId, transaction.Request.Nonce);
        using var http = await bed.PostResponseAsync([new("vp_token", vpToken), new("state", transaction.Request.State!)]);
        var result = (await bed.Verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();

        Assert.Equal(OpenId4VpErrors.QueryNotSatisfied, result.Error!.Code);
        Assert.Equal(OpenId4VpErrors.CredentialTypeMismatch, Assert.Single(result.Presentations).Error!.Code);
    }
}
