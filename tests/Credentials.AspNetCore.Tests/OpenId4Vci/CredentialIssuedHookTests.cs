using System;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Status;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// <see cref="OpenId4VciEndpointOptions.OnCredentialIssued"/>: the app learns which offer (its subject id) each issuance
/// was for and the status entry of each credential, also when one Wallet key redeems two offers; a refused request does
/// not call it.
/// </summary>
public sealed class CredentialIssuedHookTests : IAsyncLifetime
{
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256);
    private IssuerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await IssuerTestBed.StartAsync();

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _holder.Dispose();
    }

    [Fact]
    public async Task OnCredentialIssued_OneHolderKeyTwoOffers_EachIssuanceNamesItsOwnOfferAndStatusEntry()
    {
        // Both tokens first, then both credentials with the same holder key: the key cannot tell the offers apart.
        var first = await _bed.TokenAsync(await _bed.OfferAsync(subject: "row-first"));
        var second = await _bed.TokenAsync(await _bed.OfferAsync(subject: "row-second"));

        var secondResponse = await _bed.CredentialAsync(second, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);
        var firstResponse = await _bed.CredentialAsync(first, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.True(firstResponse.IsValid, firstResponse.Error?.ToString());
        Assert.True(secondResponse.IsValid, secondResponse.Error?.ToString());
        Assert.Equal(2, _bed.Issued.Count);
        Assert.Equal("row-second", _bed.Issued[0].SubjectId);
        Assert.Equal("row-first", _bed.Issued[1].SubjectId);
        Assert.Equal(StatusOf(Assert.Single(secondResponse.Value.Credentials!)), Assert.Single(_bed.Issued[0].StatusReferences));
        Assert.Equal(StatusOf(Assert.Single(firstResponse.Value.Credentials!)), Assert.Single(_bed.Issued[1].StatusReferences));
        Assert.All(_bed.Issued, i => Assert.Equal(IssuerTestBed.ExamConfiguration, i.CredentialConfigurationId));
        Assert.All(_bed.Issued, i => Assert.Equal(1, i.Count));
    }

    [Fact]
    public async Task OnCredentialIssued_RefusedRequest_NotCalled()
    {
        var token = await _bed.TokenAsync(await _bed.OfferAsync(subject: IssuerTestBed.DeniedSubject));

        var response = await _bed.CredentialAsync(token, [await _bed.ProofAsync(_holder, await _bed.NonceAsync())]);

        Assert.Equal(OpenId4VciErrors.CredentialRequestDenied, response.Error?.Code);
        Assert.Empty(_bed.Issued);
    }

    private static StatusReference StatusOf(string credential)
        => StatusReference.Read(JsonHelpers.PayloadOf(credential).GetProperty(StatusReference.StatusClaimName)).Value;
}
