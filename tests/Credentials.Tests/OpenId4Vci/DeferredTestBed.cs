using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>An in-process issuer over an in-memory state store with deferral, notification and encryption hooks, driven through its endpoint methods.</summary>
internal sealed class DeferredTestBed : IDisposable
{
    public const string IssuerId = "https://issuer.example.jp/ipa";
    public const string Configuration = "ipa_exam_pass_sd_jwt";
    public const string Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    public SigningKey IssuerKey { get; } = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2026");

    public SigningKey Holder { get; } = SigningKey.Create(JwsAlgorithm.Es256);

    public IProtocolStateStore Store { get; } = new InMemoryProtocolStateStore();

    public List<DeferredIssuanceRequest> Deferred { get; } = [];

    public List<CredentialNotification> Notifications { get; } = [];

    public bool Defer { get; set; } = true;

    public int DatasetCalls { get; private set; }

    public static CredentialDataset Dataset() => new() { Claims = SdJwtPayload.Create().Disclosable("family_name", "高橋").Claim("issuing_country", "JP") };

    public OpenId4VciIssuer Create(Func<OpenId4VciIssuerOptions, OpenId4VciIssuerOptions>? configure = null)
    {
        var options = new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = IssuerKey,
            TimeProvider = Clock,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = Configuration, Vct = Vct }],
            ResolveDataset = (_, _) =>
            {
                DatasetCalls++;
                return ValueTask.FromResult<CredentialDataset?>(Dataset());
            },
            DeferredIssuance = new DeferredIssuanceOptions
            {
                Defer = (request, _) =>
                {
                    lock (Deferred)
                    {
                        Deferred.Add(request);
                    }

                    return ValueTask.FromResult(Defer);
                },
                Interval = TimeSpan.FromMinutes(10),
            },
            Notifications = new IssuerNotificationOptions
            {
                OnNotification = (n, _) =>
                {
                    lock (Notifications)
                    {
                        Notifications.Add(n);
                    }

                    return ValueTask.CompletedTask;
                },
            },
        };
        return new OpenId4VciIssuer(Store, configure is null ? options : configure(options));
    }

    public async Task<string> TokenAsync(OpenId4VciIssuer issuer, string subject = "exam-2026-05-01234")
    {
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [Configuration], SubjectId = subject });
        var token = await issuer.HandleTokenRequestAsync(new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = [CredentialOffer.PreAuthorizedCodeGrantType],
            ["pre-authorized_code"] = [offer.Offer.PreAuthorizedCode!.PreAuthorizedCode],
        });
        Assert.True(token.IsSuccess, token.Body);
        return TokenResponse.Read(Encoding.UTF8.GetBytes(token.Body)).Value.AccessToken;
    }

    public async Task<string> ProofAsync(OpenId4VciIssuer issuer, SigningKey? holder = null)
    {
        var nonce = await issuer.HandleNonceRequestAsync();
        var cNonce = NonceResponse.Read(Encoding.UTF8.GetBytes(nonce.Body)).Value.CNonce;
        holder ??= Holder;
        return await JwtKeyProof.CreateAsync(holder, holder.PublicJwk, IssuerId, cNonce, Clock.GetUtcNow());
    }

    /// <summary>A Credential Request with one fresh proof, plain JSON.</summary>
    public async Task<IssuerEndpointResult> RequestAsync(OpenId4VciIssuer issuer, string token, CredentialResponseEncryption? encryption = null)
    {
        var request = new CredentialRequest { CredentialConfigurationId = Configuration, JwtProofs = [await ProofAsync(issuer)], ResponseEncryption = encryption };
        return await issuer.HandleCredentialRequestAsync("Bearer " + token, Encoding.UTF8.GetBytes(request.ToJson()), CancellationToken.None);
    }

    public static ValueTask<IssuerEndpointResult> PollAsync(OpenId4VciIssuer issuer, string token, string transactionId, CredentialResponseEncryption? encryption = null)
        => issuer.HandleDeferredCredentialRequestAsync(IssuerHttpRequest.Create("POST", issuer.DeferredCredentialEndpoint!, "Bearer " + token), Encoding.UTF8.GetBytes(new DeferredCredentialRequest { TransactionId = transactionId, ResponseEncryption = encryption }.ToJson()));

    public static CredentialResponse Response(IssuerEndpointResult result)
    {
        var read = CredentialResponse.Read(Encoding.UTF8.GetBytes(result.Body));
        Assert.True(read.IsValid, read.Error?.ToString());
        return read.Value;
    }

    public void Dispose()
    {
        IssuerKey.Dispose();
        Holder.Dispose();
    }
}
