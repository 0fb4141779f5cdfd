using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Dcql;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Samples;
using Credentials.Samples.Web.Shop;
using Credentials.Samples.Web.Trust;
using Credentials.Status;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vp;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.Browser.Tests.Web.Shop;

/// <summary>
/// The customer's phone: the library's wallet (encrypted SQLite file, OpenID4VP wallet client) holding an age
/// credential from the app's sample age service, answering the link the shop's QR code carries. Every form the wallet
/// posts to the shop is recorded (to replay it against another request).
/// </summary>
internal sealed class ShopWallet : IAsyncDisposable
{
    /// <summary>The birth date in the credential (must never reach the shop's page).</summary>
    public const string BirthDate = "2004-05-06";

    /// <summary>The issuer of an age service the shop does not trust.</summary>
    public const string OtherIssuerId = "https://issuer.other.example.jp/age";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-web-wallets", Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http;

    private ShopWallet()
    {
        Directory.CreateDirectory(_folder);
        _http = new HttpClient(new Recorder(Posts, new SocketsHttpHandler { AllowAutoRedirect = false }));
    }

    public ConcurrentQueue<string> Posts { get; } = new();

    public WalletStore Store { get; private set; } = null!;

    public OpenId4VpWalletClient Client { get; private set; } = null!;

    /// <summary>
    /// A wallet holding one age credential: an SD-JWT VC (<c>age_over_18</c>, <c>age_over_20</c>, <c>birth_date</c>,
    /// each disclosable), or with <paramref name="mdoc"/> an age mdoc (<c>jp.example.av.1</c>: <c>age_over_18</c>,
    /// <c>age_over_20</c>) from the sample age service's document signer.
    /// </summary>
    /// <param name="otherIaca">Issue the mdoc under another IACA, one the shop does not trust (the wallet does).</param>
    /// <param name="otherIssuer">Issue the SD-JWT VC with another age service's key, one the shop does not trust (the wallet does).</param>
    /// <param name="expiresIn">The SD-JWT VC's validity from the app's clock (default 30 days).</param>
    /// <param name="walletClock">The wallet's clock (default the system's): a fixed one keeps a credential the shop sees expired valid in the wallet.</param>
    public static async Task<ShopWallet> CreateAsync(WebAppBed bed, bool ageOver20, bool mdoc = false, bool otherIaca = false, bool otherIssuer = false, TimeSpan? expiresIn = null, TimeProvider? walletClock = null)
    {
        walletClock ??= TimeProvider.System;
        var wallet = new ShopWallet();
        var created = await WalletStore.CreateAsync(Path.Combine(wallet._folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(created.IsValid, created.Error?.ToString());
        wallet.Store = created.Value;
        var ageIssuer = bed.Services.GetRequiredService<ShopAgeIssuer>();
        using var otherIssuerKey = SigningKey.Create(JwsAlgorithm.Es256);
        var trust = otherIssuer
            ? new Credentials.Trust.TrustList([.. bed.Services.GetRequiredService<SampleTrust>().Issuers, new Credentials.Trust.TrustedIssuer { Issuer = OtherIssuerId, Name = "Other age service", Keys = [otherIssuerKey.PublicJwk], CredentialTypes = [AgeCredentialType.TypeUri] }])
            : bed.Services.GetRequiredService<SampleTrust>().List;
        using var otherIacaKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var otherSignerKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var otherRoot = Credentials.Mdoc.Certificates.MdocCertificates.CreateIaca(otherIacaKey, new Credentials.Mdoc.Certificates.IacaCertificateOptions { CommonName = "Other IACA", IssuerUri = new Uri("https://other.example.jp"), TimeProvider = bed.Clock });
        using var otherSigner = Credentials.Mdoc.Certificates.MdocCertificates.CreateDocumentSigner(otherIacaKey, otherRoot, otherSignerKey.PublicJwk, new Credentials.Mdoc.Certificates.DocumentSignerCertificateOptions { CommonName = "Other DS", TimeProvider = bed.Clock });
        var holder = new CredentialWallet(wallet.Store, new SdJwtVcVerifier(trust, options: new SdJwtVcVerifierOptions { TimeProvider = walletClock }), new CredentialWalletOptions
        {
            TimeProvider = walletClock,
            ImportStatus = StatusCheck.Skip,
            ImportTypeMetadata = TypeMetadataCheck.Skip,
            MdocVerifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [ageIssuer.Iaca, otherRoot], TimeProvider = bed.Clock }),
        });
        wallet.Client = new OpenId4VpWalletClient(wallet._http, holder, new OpenId4VpWalletClientOptions
        {
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            RequestReader = OpenId4VpWalletClientOptions.Default.RequestReader with { SupportedFormats = [DcqlFormats.SdJwtVc, DcqlFormats.MsoMdoc] },
            TimeProvider = walletClock,
        });

        var key = await wallet.Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        if (mdoc)
        {
            var mdocIssuer = otherIaca ? new MdocIssuer(otherSignerKey, [otherSigner], new MdocIssuerOptions { TimeProvider = bed.Clock }) : ageIssuer.MdocIssuer;
            var document = await mdocIssuer.IssueAsync(new MdocIssuance
            {
                DocType = ShopAgeIssuer.MdocDocType,
                NameSpaces = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, MdocValue>>
                {
                    [ShopAgeIssuer.MdocDocType] = new System.Collections.Generic.Dictionary<string, MdocValue>
                    {
                        ["age_over_18"] = MdocValue.FromBoolean(true),
                        ["age_over_20"] = MdocValue.FromBoolean(ageOver20),
                    },
                },
                DeviceKey = key.Value.PublicJwk,
            });
            var importedMdoc = await holder.ImportMdocAsync(document.Encode());
            Assert.True(importedMdoc.IsValid, importedMdoc.Error?.ToString());
            return wallet;
        }

        var issuer = otherIssuer ? new SdJwtVcIssuer(otherIssuerKey, options: new SdJwtVcIssuerOptions { Issuer = OtherIssuerId, TimeProvider = bed.Clock }) : ageIssuer.Issuer;
        var issued = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = AgeCredentialType.TypeUri,
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", ageOver20).Disclosable("birth_date", BirthDate).Claim("issuing_country", "JP"),
            HolderKey = key.Value.PublicJwk,
            ExpiresAt = bed.Clock.GetUtcNow() + (expiresIn ?? TimeSpan.FromDays(30)),
        });
        var imported = await holder.ImportAsync(issued.Serialize());
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return wallet;
    }

    /// <summary>Answers the request link with consent.</summary>
    public async Task PresentAsync(string link)
    {
        var submission = await Client.PresentAsync(link, (_, _) => ValueTask.FromResult(PresentationConsent.Approve));
        Assert.True(submission.IsValid, submission.Error?.ToString());
    }

    /// <summary>Posts a recorded form with another <c>state</c> to the shop's response endpoint.</summary>
    public async Task<HttpResponseMessage> ReplayAsync(string origin, string form, string state)
    {
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(form);
        fields["state"] = state;
        var pairs = new System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, string>>();
        foreach (var (name, values) in fields)
        {
            pairs.Add(new(name, values.ToString()));
        }

        using var http = new HttpClient();
        return await http.PostAsync(origin + ShopVerifier.ResponsePath, new FormUrlEncodedContent(pairs));
    }

    public ValueTask DisposeAsync()
    {
        Store?.Dispose();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Recorder(ConcurrentQueue<string> posts, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is not null && request.RequestUri?.AbsolutePath == ShopVerifier.ResponsePath)
            {
                var body = await request.Content.ReadAsStringAsync(cancellationToken);
                posts.Enqueue(body);
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                request.Content.Headers.ContentType!.CharSet = null;
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
