using System;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>Offers served by reference are sealed in the state store under a key only the offer id derives.</summary>
public sealed class OfferAtRestTests : IDisposable
{
    private const string IssuerId = "https://issuer.example.jp/ipa";
    private const string ConfigurationId = "age_sd_jwt";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly InMemoryProtocolStateStore _store = new();

    public void Dispose() => _issuerKey.Dispose();

    [Fact]
    public async Task Offer_is_stored_under_the_digest_of_its_id_and_not_under_the_id()
    {
        var issuer = Issuer();
        var (offerId, offerJson) = await CreateAsync(issuer);

        var sealedOffer = await _store.TryGetAsync(OpenId4VciIssuer.OfferKind, OpenId4VciIssuer.Hash(offerId), _clock.GetUtcNow());

        Assert.NotNull(sealedOffer);
        Assert.DoesNotContain("pre-authorized_code", sealedOffer, StringComparison.Ordinal);
        Assert.Null(await _store.TryGetAsync(OpenId4VciIssuer.OfferKind, offerId, _clock.GetUtcNow()));
        Assert.Equal(offerJson, await issuer.GetOfferJsonAsync(offerId));
    }

    [Fact]
    public async Task Sealed_offer_altered_in_the_store_is_not_served()
    {
        var issuer = Issuer();
        var (offerId, _) = await CreateAsync(issuer);
        var key = OpenId4VciIssuer.Hash(offerId);
        var sealedOffer = (await _store.TryGetAsync(OpenId4VciIssuer.OfferKind, key, _clock.GetUtcNow()))!;
        var last = sealedOffer[^2] == 'A' ? 'B' : 'A';
        var altered = string.Concat(sealedOffer.AsSpan(0, sealedOffer.Length - 2), new string(last, 1), sealedOffer.AsSpan(sealedOffer.Length - 1));

        Assert.True(await _store.TryUpdateAsync(OpenId4VciIssuer.OfferKind, key, sealedOffer, altered, _clock.GetUtcNow()));

        Assert.Null(await issuer.GetOfferJsonAsync(offerId));
    }

    [Fact]
    public async Task Store_key_of_a_sealed_offer_sent_as_an_offer_id_finds_nothing()
    {
        var issuer = Issuer();
        var (offerId, _) = await CreateAsync(issuer);

        Assert.Null(await issuer.GetOfferJsonAsync(OpenId4VciIssuer.Hash(offerId)));
    }

    [Fact]
    public void Sealed_offer_does_not_open_with_another_id_or_under_another_key()
    {
        var offerId = OpenId4VciIssuer.RandomToken();
        var key = OpenId4VciIssuer.Hash(offerId);
        var sealedOffer = OpenId4VciIssuer.SealOffer(offerId, key, "{\"a\":1}");

        Assert.Equal("{\"a\":1}", OpenId4VciIssuer.OpenOffer(offerId, key, sealedOffer));
        Assert.Null(OpenId4VciIssuer.OpenOffer(OpenId4VciIssuer.RandomToken(), key, sealedOffer));
        Assert.Null(OpenId4VciIssuer.OpenOffer(offerId, OpenId4VciIssuer.Hash("other"), sealedOffer));
        Assert.Null(OpenId4VciIssuer.OpenOffer(offerId, key, "v1.!!"));
        Assert.Null(OpenId4VciIssuer.OpenOffer(offerId, key, "v1.AAAA"));
    }

    [Fact]
    public async Task Offer_stored_in_clear_by_an_earlier_version_is_served_until_it_expires()
    {
        var issuer = Issuer();
        var offerId = OpenId4VciIssuer.RandomToken();
        const string json = "{\"credential_issuer\":\"https://issuer.example.jp/ipa\",\"credential_configuration_ids\":[\"age_sd_jwt\"]}";
        await _store.TryAddAsync(OpenId4VciIssuer.OfferKind, offerId, json, _clock.GetUtcNow() + TimeSpan.FromMinutes(5));

        Assert.Equal(json, await issuer.GetOfferJsonAsync(offerId));

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(await issuer.GetOfferJsonAsync(offerId));
    }

    private async Task<(string OfferId, string OfferJson)> CreateAsync(OpenId4VciIssuer issuer)
    {
        var created = await issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = [ConfigurationId],
            TransactionCode = new OfferTransactionCode { Length = 6 },
        });
        return (created.OfferUri[(created.OfferUri.LastIndexOf('/') + 1)..], created.Offer.ToJson());
    }

    private OpenId4VciIssuer Issuer() => new(_store, new OpenId4VciIssuerOptions
    {
        CredentialIssuer = IssuerId,
        Signer = _issuerKey,
        TimeProvider = _clock,
        CredentialConfigurations = [new IssuerCredentialConfiguration { Id = ConfigurationId, Vct = "https://credentials.example.jp/vct/age/v1" }],
        ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) }),
    });
}
