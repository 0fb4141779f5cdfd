using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.OpenId4Vci;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>Offer → wallet receives and stores, over a real Kestrel issuer on loopback, with the OpenID4VCI wallet client.</summary>
public sealed class OpenId4VciEndToEndTests : IAsyncLifetime
{
    private IssuerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await IssuerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task ReceiveAsync_OfferByValueWithPin_StoresVerifiedCredentialBoundToWalletKey()
    {
        var offer = await _bed.OfferAsync(pin: "493536");
        var resolved = await _bed.ResolveAsync(offer);

        var received = await _bed.Client.ReceiveAsync(resolved, _bed.Wallet, new CredentialReceiveRequest { TransactionCode = "493536" });

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(CredentialUse.Reusable, received.Value.Imported.Use);
        var stored = await _bed.Store.GetAsync(received.Value.Imported.Id);
        var verified = await _bed.Verifier.VerifyAsync(stored.Value.Raw, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });
        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(IssuerTestBed.ExamVct, verified.Value.Vct);
        Assert.Equal(_bed.IssuerId, verified.Value.Issuer);
        var holderKey = await _bed.Store.GetHolderKeyAsync(Assert.Single(received.Value.HolderKeyIds));
        var cnf = Jwk.Read(verified.Value.Claims.GetProperty("cnf").GetProperty("jwk")).Value;
        Assert.Equal(holderKey.Value.Thumbprint, cnf.ComputeThumbprint());
        Assert.Equal(received.Value.HolderKeyIds[0], stored.Value.HolderKeyId);
        var status = StatusReference.Read(verified.Value.Claims.GetProperty("status")).Value;
        Assert.Equal(_bed.StatusListUri, status.Uri);
        Assert.Equal(StatusValue.Valid, await new StatusListIssuer(_bed.StatusStore, new StatusListTokenIssuer(_bed.IssuerKey)).GetStatusAsync(status));
        Assert.Equal("exam-2026-05-01234", Assert.Single(_bed.Requests).SubjectId);
    }

    [Fact]
    public async Task ReceiveAsync_OfferByReferenceWithoutPin_StoresCredential()
    {
        var offer = await _bed.OfferAsync(configuration: IssuerTestBed.AgeConfiguration);
        var resolved = await _bed.ResolveAsync(offer, byReference: true);

        var received = await _bed.Client.ReceiveAsync(resolved, _bed.Wallet);

        Assert.Null(resolved.TransactionCode);
        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(IssuerTestBed.AgeVct, received.Value.Imported.Vct);
        Assert.Equal("年齢確認証明書", resolved.Metadata.CredentialConfigurations[IssuerTestBed.AgeConfiguration].Display![0].Name);
    }

    [Fact]
    public async Task ReceiveAsync_BatchOfThree_StoresSingleUseCopiesWithDistinctKeysAndStatusIndices()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync());

        var received = await _bed.Client.ReceiveAsync(resolved, _bed.Wallet, new CredentialReceiveRequest { Copies = 3 });

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(CredentialUse.SingleUse, received.Value.Imported.Use);
        Assert.Equal(3, received.Value.Imported.Copies);
        Assert.Equal(3, received.Value.HolderKeyIds.Distinct().Count());
        var thumbprints = new HashSet<string>();
        var indices = new HashSet<long>();
        for (var i = 0; i < 3; i++)
        {
            var copy = await _bed.Store.TakeUnusedCopyAsync(received.Value.Imported.Id);
            Assert.True(copy.IsValid, copy.Error?.ToString());
            var payload = JsonHelpers.PayloadOf(copy.Value.Raw);
            thumbprints.Add(Jwk.Read(payload.GetProperty("cnf").GetProperty("jwk")).Value.ComputeThumbprint());
            indices.Add(StatusReference.Read(payload.GetProperty("status")).Value.Index);
        }

        Assert.Equal(3, thumbprints.Count);
        Assert.Equal(3, indices.Count);
        Assert.Equal(3, Assert.Single(_bed.Requests).HolderKeys.Count);
    }

    [Fact]
    public async Task ReceiveAsync_MoreCopiesThanBatchSize_CappedAtBatchSize()
    {
        var received = await _bed.Client.ReceiveAsync(await _bed.ResolveAsync(await _bed.OfferAsync()), _bed.Wallet, new CredentialReceiveRequest { Copies = 9 });

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(5, received.Value.Imported.Copies);
    }

    [Fact]
    public async Task ReceiveAsync_WrongPin_InvalidGrantAndNoKeyLeftBehind()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(pin: "493536"));

        var received = await _bed.Client.ReceiveAsync(resolved, _bed.Wallet, new CredentialReceiveRequest { TransactionCode = "000000" });

        Assert.Equal(OpenId4VciErrors.InvalidGrant, received.Error?.Code);
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).Value);
    }

    [Fact]
    public async Task ReceiveAsync_PinMissing_TxCodeRequiredWithoutRequest()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(pin: "493536"));

        var received = await _bed.Client.ReceiveAsync(resolved, _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.TxCodeRequired, received.Error?.Code);
        Assert.Equal(200, (await _bed.PostTokenRawAsync(("grant_type", CredentialOffer.PreAuthorizedCodeGrantType), ("pre-authorized_code", resolved.Offer.PreAuthorizedCode!.PreAuthorizedCode), ("tx_code", "493536"))).Status);
    }

    [Fact]
    public async Task ReceiveAsync_AppDeniesSubject_CredentialRequestDenied()
    {
        var resolved = await _bed.ResolveAsync(await _bed.OfferAsync(subject: IssuerTestBed.DeniedSubject));

        var received = await _bed.Client.ReceiveAsync(resolved, _bed.Wallet);

        Assert.Equal(OpenId4VciErrors.CredentialRequestDenied, received.Error?.Code);
    }

    [Fact]
    public async Task ReceiveAsync_WalletDoesNotTrustIssuer_RefusedByHolderServiceAndNotStored()
    {
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        var distrusting = new Credentials.Wallet.Holder.CredentialWallet(
            _bed.Store,
            new SdJwtVcVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(_bed.IssuerId, otherKey.PublicJwk)]), options: new SdJwtVcVerifierOptions { TimeProvider = _bed.Clock }),
            new Credentials.Wallet.Holder.CredentialWalletOptions { TimeProvider = _bed.Clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });

        var received = await _bed.Client.ReceiveAsync(await _bed.ResolveAsync(await _bed.OfferAsync()), distrusting);

        Assert.False(received.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, received.Error.Code);
        Assert.Empty((await _bed.Store.ListAsync()).Value);
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).Value);
    }

    [Fact]
    public async Task ResolveOfferAsync_HttpNotAllowed_InsecureTransport()
    {
        var client = new OpenId4VciClient(_bed.Http);

        var resolved = await client.ResolveOfferAsync((await _bed.OfferAsync()).ByReferenceLink);

        Assert.Equal(HttpErrors.InsecureTransport, resolved.Error?.Code);
    }

    [Fact]
    public async Task ResolveOfferAsync_ExpiredOfferByReference_HttpFailed()
    {
        var offer = await _bed.OfferAsync();
        _bed.Clock.Advance(TimeSpan.FromMinutes(11));

        var resolved = await _bed.Client.ResolveOfferAsync(offer.ByReferenceLink);

        Assert.Equal(HttpErrors.NotFound, resolved.Error?.Code);
    }

    [Fact]
    public async Task ResolveOfferAsync_OfferNamingAnIssuerWithoutMetadata_HttpFailed()
    {
        var offer = (await _bed.OfferAsync()).Offer with { CredentialIssuer = _bed.Origin + "/other" };

        var resolved = await _bed.Client.ResolveOfferAsync(CredentialOfferLink.CreateByValue(offer));


        Assert.Equal(HttpErrors.NotFound, resolved.Error?.Code);
    }

    [Fact]
    public async Task Metadata_WellKnown_ServesSdJwtConfigurationsDisplayBatchAndAnonymousPreAuthorizedGrant()
    {
        using var metadataResponse = await _bed.Http.GetAsync(CredentialIssuerMetadata.GetWellKnownUri(_bed.IssuerId));
        using var asResponse = await _bed.Http.GetAsync(AuthorizationServerMetadata.GetWellKnownUri(_bed.IssuerId));
        var metadata = JsonDocument.Parse(await metadataResponse.Content.ReadAsStringAsync()).RootElement;
        var authorizationServer = JsonDocument.Parse(await asResponse.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("application/json", metadataResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_bed.IssuerId, metadata.GetProperty("credential_issuer").GetString());
        Assert.Equal(_bed.IssuerId + "/nonce", metadata.GetProperty("nonce_endpoint").GetString());
        Assert.Equal(_bed.IssuerId + "/credential", metadata.GetProperty("credential_endpoint").GetString());
        Assert.Equal(5, metadata.GetProperty("batch_credential_issuance").GetProperty("batch_size").GetInt32());
        Assert.Equal(["ja-JP", "en-US"], metadata.GetProperty("display").EnumerateArray().Select(d => d.GetProperty("locale").GetString()));
        var exam = metadata.GetProperty("credential_configurations_supported").GetProperty(IssuerTestBed.ExamConfiguration);
        Assert.Equal("dc+sd-jwt", exam.GetProperty("format").GetString());
        Assert.Equal(IssuerTestBed.ExamVct, exam.GetProperty("vct").GetString());
        Assert.Equal(["jwk"], exam.GetProperty("cryptographic_binding_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ES256"], exam.GetProperty("credential_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ES256", exam.GetProperty("proof_types_supported").GetProperty("jwt").GetProperty("proof_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("情報処理技術者試験 合格証明書", exam.GetProperty("credential_metadata").GetProperty("display")[0].GetProperty("name").GetString());
        Assert.Equal(_bed.IssuerId, authorizationServer.GetProperty("issuer").GetString());
        Assert.Equal(_bed.IssuerId + "/token", authorizationServer.GetProperty("token_endpoint").GetString());
        Assert.True(authorizationServer.GetProperty("pre-authorized_grant_anonymous_access_supported").GetBoolean());
    }
}
