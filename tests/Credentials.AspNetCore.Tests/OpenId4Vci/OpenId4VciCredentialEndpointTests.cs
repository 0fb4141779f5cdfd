using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>The Nonce and Credential Endpoints over HTTP: proofs, nonces, tokens, configurations, batches, errors.</summary>
public sealed class OpenId4VciCredentialEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _holder2 = SigningKey.Create(JwsAlgorithm.EdDsa);
    private IssuerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await IssuerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    public void Dispose()
    {
        _holder.Dispose();
        _holder2.Dispose();
    }

    [Fact]
    public async Task Credential_ValidProof_IssuesCredentialBoundToProvedKey()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.True(response.IsValid, response.Error?.ToString());
        var payload = JsonHelpers.PayloadOf(Assert.Single(response.Value.Credentials!));
        Assert.Equal(_holder.PublicJwk.ComputeThumbprint(), Jwk.Read(payload.GetProperty("cnf").GetProperty("jwk")).Value.ComputeThumbprint());
    }

    [Fact]
    public async Task Credential_UnknownNonce_InvalidNonce()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, "never-issued")]);

        Assert.Equal(OpenId4VciErrors.InvalidNonce, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_StaleNonce_InvalidNonce()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();
        _bed.Clock.Advance(TimeSpan.FromMinutes(4));
        var token2 = await _bed.TokenAsync(await _bed.OfferAsync());
        _bed.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        var response = await _bed.CredentialAsync(token2, [await _bed.ProofAsync(_holder, nonce)]);

        Assert.NotEqual(token, token2);
        Assert.Equal(OpenId4VciErrors.InvalidNonce, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_ReplayedProof_InvalidNonce()
    {
        var proof = await _bed.ProofAsync(_holder, await _bed.NonceAsync());
        var first = await _bed.CredentialAsync(await _bed.TokenAsync(await _bed.OfferAsync()), [proof]);

        var replay = await _bed.CredentialAsync(await _bed.TokenAsync(await _bed.OfferAsync()), [proof]);

        Assert.True(first.IsValid, first.Error?.ToString());
        Assert.Equal(OpenId4VciErrors.InvalidNonce, replay.Error?.Code);
    }

    [Fact]
    public async Task Credential_ProofWithWrongAudience_InvalidProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync(), audience: _bed.Origin + "/other")]);

        Assert.Equal(OpenId4VciErrors.InvalidProof, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_ProofSignedByAnotherKeyThanItsJwk_InvalidProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        using var attacker = SigningKey.Create(JwsAlgorithm.Es256);

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(attacker, await _bed.NonceAsync(), headerKey: _holder.PublicJwk)]);

        Assert.Equal(OpenId4VciErrors.InvalidProof, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_ProofTooOld_InvalidProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, _bed.IssuerId, nonce, _bed.Clock.GetUtcNow().AddMinutes(-7));

        Assert.Equal(OpenId4VciErrors.InvalidProof, (await _bed.CredentialAsync(token, [proof])).Error?.Code);
    }

    [Fact]
    public async Task Credential_ProofWithoutNonce_InvalidProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, _bed.IssuerId, null, _bed.Clock.GetUtcNow());

        Assert.Equal(OpenId4VciErrors.InvalidProof, (await _bed.CredentialAsync(token, [proof])).Error?.Code);
    }

    [Fact]
    public async Task Credential_ReusedAccessToken_InvalidToken()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var first = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        var second = await _bed.PostCredentialRawAsync(token, new CredentialRequest { CredentialConfigurationId = IssuerTestBed.ExamConfiguration, JwtProofs = [await _bed.ProofAsync(_holder2, await _bed.NonceAsync())] }.ToJson());

        Assert.True(first.IsValid, first.Error?.ToString());
        Assert.Equal((401, "invalid_token"), (second.Status, second.Error));
        Assert.Equal("Bearer error=\"invalid_token\"", second.Challenge);
    }

    [Fact]
    public async Task Credential_FailedRequest_DoesNotConsumeAccessToken()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var bad = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, "never-issued")]);

        var good = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.Equal(OpenId4VciErrors.InvalidNonce, bad.Error?.Code);
        Assert.True(good.IsValid, good.Error?.ToString());
    }

    [Fact]
    public async Task Credential_ReusableTokensOption_AllowsSecondRequest()
    {
        await _bed.DisposeAsync();
        _bed = await IssuerTestBed.StartAsync(o => o with { SingleUseAccessTokens = false });
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var first = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);
        var second = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder2, await _bed.NonceAsync())]);

        Assert.True(first.IsValid, first.Error?.ToString());
        Assert.True(second.IsValid, second.Error?.ToString());
    }

    [Fact]
    public async Task Credential_ExpiredAccessToken_InvalidToken()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        _bed.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.Equal(OpenId4VciErrors.InvalidToken, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_NoAuthorization_401WithBearerChallenge()
    {
        var response = await _bed.PostCredentialRawAsync(null, "{\"credential_configuration_id\":\"ipa_exam_pass_sd_jwt\"}");

        Assert.Equal((401, "invalid_token", "Bearer"), response);
    }

    [Fact]
    public async Task Credential_UnknownConfiguration_UnknownCredentialConfiguration()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())], configuration: "mdl");

        Assert.Equal(OpenId4VciErrors.UnknownCredentialConfiguration, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_ConfigurationNotOffered_InsufficientScope403()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(configuration: IssuerTestBed.ExamConfiguration));

        var response = await _bed.PostCredentialRawAsync(token, new CredentialRequest { CredentialConfigurationId = IssuerTestBed.AgeConfiguration, JwtProofs = [await _bed.ProofAsync(_holder, await _bed.NonceAsync())] }.ToJson());

        Assert.Equal((403, "insufficient_scope"), (response.Status, response.Error));
    }

    [Fact]
    public async Task Credential_OfferWithTwoConfigurations_TokenCoversBoth()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(configurations: [IssuerTestBed.ExamConfiguration, IssuerTestBed.AgeConfiguration]));

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())], configuration: IssuerTestBed.AgeConfiguration);

        Assert.True(response.IsValid, response.Error?.ToString());
        Assert.Equal(IssuerTestBed.AgeVct, JsonHelpers.PayloadOf(response.Value.Credentials![0]).GetProperty("vct").GetString());
    }

    [Fact]
    public async Task Credential_MissingProofs_InvalidProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        Assert.Equal(OpenId4VciErrors.InvalidProof, (await _bed.CredentialAsync(token, null)).Error?.Code);
    }

    [Fact]
    public async Task Credential_MoreProofsThanBatchSize_InvalidCredentialRequest()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();
        var keys = Enumerable.Range(0, 6).Select(_ => SigningKey.Create(JwsAlgorithm.Es256)).ToList();
        try
        {
            var proofs = await Task.WhenAll(keys.Select(k => _bed.ProofAsync(k, nonce).AsTask()));

            Assert.Equal(OpenId4VciErrors.InvalidCredentialRequest, (await _bed.CredentialAsync(token, proofs)).Error?.Code);
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    [Fact]
    public async Task Credential_BatchWithOneNonce_IssuesOnePerKeyAndConsumesNonceOnce()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, nonce), await _bed.ProofAsync(_holder2, nonce)]);
        var again = await _bed.CredentialAsync(await _bed.TokenAsync(await _bed.OfferAsync()), [await _bed.ProofAsync(_holder, nonce)]);

        Assert.True(response.IsValid, response.Error?.ToString());
        Assert.Equal(2, response.Value.Credentials!.Count);
        Assert.Equal(OpenId4VciErrors.InvalidNonce, again.Error?.Code);
    }

    [Fact]
    public async Task Credential_Batch_IatAndSharedExpiryAtMidnightUtcAndEachVerifies()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, nonce), await _bed.ProofAsync(_holder2, nonce)]);

        Assert.True(response.IsValid, response.Error?.ToString());
        var midnight = new DateTimeOffset(_bed.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        foreach (var credential in response.Value.Credentials!)
        {
            var payload = JsonHelpers.PayloadOf(credential);
            Assert.Equal(midnight.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
            Assert.Equal(midnight.AddDays(730).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
            var verified = await _bed.Verifier.VerifyAsync(credential, new Credentials.SdJwtVc.SdJwtVcPolicy { KeyBinding = Credentials.SdJwt.KeyBindingRequirement.Forbidden, Status = Credentials.StatusCheck.Skip });
            Assert.True(verified.IsValid, verified.Error?.ToString());
        }
    }

    [Fact]
    public async Task Credential_SingleProof_IatIsTheExactSecond()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.True(response.IsValid, response.Error?.ToString());
        Assert.Equal(_bed.Clock.GetUtcNow().ToUnixTimeSeconds(), JsonHelpers.PayloadOf(response.Value.Credentials![0]).GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Credential_SameKeyProvedTwice_InvalidProof()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var nonce = await _bed.NonceAsync();

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, nonce), await _bed.ProofAsync(_holder, nonce)]);

        Assert.Equal(OpenId4VciErrors.InvalidProof, response.Error?.Code);
    }

    [Fact]
    public async Task Credential_CredentialIdentifier_UnknownCredentialIdentifier()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.PostCredentialRawAsync(token, "{\"credential_identifier\":\"CivilEngineeringDegree-2023\",\"proofs\":{\"jwt\":[\"a.b.c\"]}}");

        Assert.Equal((400, "unknown_credential_identifier"), (response.Status, response.Error));
    }

    [Theory]
    [InlineData("not json", "invalid_credential_request")]
    [InlineData("{\"proofs\":{\"jwt\":[\"a.b.c\"]}}", "invalid_credential_request")]
    [InlineData("{\"credential_configuration_id\":\"ipa_exam_pass_sd_jwt\",\"proofs\":{\"di_vp\":[{}]}}", "invalid_proof")]
    [InlineData("{\"credential_configuration_id\":\"ipa_exam_pass_sd_jwt\",\"proofs\":{\"jwt\":[\"a.b.c\"]},\"credential_response_encryption\":{\"jwk\":{},\"enc\":\"A128GCM\"}}", "invalid_encryption_parameters")]
    public async Task Credential_MalformedRequest_400WithCode(string body, string error)
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());

        var response = await _bed.PostCredentialRawAsync(token, body);

        Assert.Equal((400, error), (response.Status, response.Error));
    }

    [Fact]
    public async Task Credential_ConcurrentRequestsWithOneToken_ExactlyOneIssued()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync());
        var keys = Enumerable.Range(0, 6).Select(_ => SigningKey.Create(JwsAlgorithm.Es256)).ToList();
        try
        {
            var proofs = await Task.WhenAll(keys.Select(async k => await _bed.ProofAsync(k, await _bed.NonceAsync())));

            var results = await Task.WhenAll(proofs.Select(p => _bed.CredentialAsync(token, [p]).AsTask()));

            Assert.Equal(1, results.Count(r => r.IsValid));
            Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(OpenId4VciErrors.InvalidToken, r.Error?.Code));
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    [Fact]
    public async Task Nonce_Post_FreshNoStoreNonces()
    {
        using var first = await _bed.Http.PostAsync(_bed.Issuer.NonceEndpoint, null);
        var a = NonceResponse.Read(await first.Content.ReadAsByteArrayAsync()).Value.CNonce;
        var b = await _bed.NonceAsync();

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 32);
    }
}
