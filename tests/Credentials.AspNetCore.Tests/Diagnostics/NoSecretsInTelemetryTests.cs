using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.Diagnostics;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.OpenId4Vp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.AspNetCore.Tests.Diagnostics;

/// <summary>
/// A full OpenID4VCI pre-authorized issuance (with a PIN) and an OpenID4VP presentation of the issued credential, on
/// one real Kestrel host, with every log record of every category at Trace level (messages, state, scopes, exceptions)
/// and every activity tag and metric tag of every source captured: none may carry a claim value, a salt, a disclosure,
/// the pre-authorized code, the PIN, an access token, a c_nonce, a nonce, a proof, a presentation, a credential, any
/// JWT, or a private key.
/// </summary>
[Collection(nameof(SerialTelemetryTests))]
public sealed partial class NoSecretsInTelemetryTests : IAsyncLifetime, IDisposable
{
    private const string Configuration = "person_sd_jwt";
    private const string Vct = "https://credentials.example.jp/vct/person/v1";
    private const string FamilyName = "Yamadaq7Zx";
    private const string GivenName = "Hanakoj4Wv";
    private const string BirthDate = "1987-03-14";
    private const string Pin = "739251";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-privacy-" + Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "privacy-issuer");
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly RenderingLoggerProvider _logs = new();
    private readonly ConcurrentBag<string> _tags = [];
    private readonly ConcurrentBag<(string Instrument, KeyValuePair<string, object?>[] Tags)> _measurements = [];
    private readonly TrafficRecorder _traffic = new();
    private ActivityListener? _activities;
    private MeterListener? _meters;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _origin = string.Empty;

    private string IssuerId => _origin + "/issuer";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _http = new HttpClient(_traffic);
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _tags.Add($"{activity.Source.Name} {activity.OperationName} {activity.DisplayName} {activity.StatusDescription}");
                foreach (var (name, value) in activity.TagObjects)
                {
                    _tags.Add($"{name}={value}");
                }

                foreach (var e in activity.Events)
                {
                    _tags.Add(e.Name + " " + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")));
                }

                foreach (var (name, value) in activity.Baggage)
                {
                    _tags.Add($"{name}={value}");
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => _measurements.Add((instrument.Name, tags.ToArray())));
        _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => _measurements.Add((instrument.Name, tags.ToArray())));
        _meters.SetMeasurementEventCallback<int>((instrument, _, tags, _) => _measurements.Add((instrument.Name, tags.ToArray())));
        _meters.Start();

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(Path.Combine(_folder, "state.db")));
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = _issuerKey,
            AllowHttp = true,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = Configuration, Vct = Vct }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset
            {
                Claims = SdJwtPayload.Create().Disclosable("family_name", FamilyName).Disclosable("given_name", GivenName).Disclosable("birthdate", BirthDate),
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            }),
        });
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions { RequireStatus = false }));
        var verifierDid = DidKey.Create(_verifierKey);
        builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
        {
            ClientId = ClientIdentifier.ForDid(verifierDid.Value).Value,
            ResponseUri = new Uri(_origin + "/openid4vp/response"),
            RequestUriBase = new Uri(_origin + "/openid4vp/request"),
            RequestSigner = _verifierKey,
            RequestSignerKeyId = DidKey.GetKeyId(verifierDid).Value,
            Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Skip },
        });
        builder.Services.AddHealthChecks().AddProtocolStateStoreCheck();
        _app = builder.Build();
        _app.MapOpenId4VciIssuer("/issuer");
        _app.MapOpenId4VpVerifier();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _origin = "http://127.0.0.1:" + new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        _activities?.Dispose();
        _meters?.Dispose();
        _http?.Dispose();
        _traffic.Dispose();
        _logs.Dispose();
        _issuerKey.Dispose();
        _verifierKey.Dispose();
    }

    [Fact]
    public async Task IssuanceAndPresentation_LogsAndTracesCarryNoClaimValueOrSecret()
    {
        // The wallet: an encrypted store, a verifier for imports, the OpenID4VCI and OpenID4VP clients over the recorder.
        var created = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(created.IsValid, created.Error?.ToString());
        using var store = created.Value;
        var wallet = new CredentialWallet(store, new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions { RequireStatus = false }), new CredentialWalletOptions { ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
        var vci = new OpenId4VciClient(_http, new OpenId4VciClientOptions { Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback } });
        var vp = new OpenId4VpWalletClient(_http, wallet, new OpenId4VpWalletClientOptions { Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback } });

        // Issuance: pre-authorized code with a PIN.
        var issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = [Configuration],
            SubjectId = "subject-privacy-1",
            TransactionCode = new OfferTransactionCode { Value = Pin },
        });
        var resolved = await vci.ResolveOfferAsync(offer.ByValueLink);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var received = await vci.ReceiveAsync(resolved.Value, wallet, new CredentialReceiveRequest { TransactionCode = Pin });
        Assert.True(received.IsValid, received.Error?.ToString());

        // Presentation: family name and birthdate, by reference (a signed Request Object).
        var verifier = _app.Services.GetRequiredService<OpenId4VpVerifier>();
        var query = DcqlQuery.Read($$"""
            {"credentials":[{"id":"person","format":"dc+sd-jwt","meta":{"vct_values":["{{Vct}}"]},"claims":[{"path":["family_name"]},{"path":["birthdate"]}]}]}
            """).GetValueOrThrow();
        var transaction = await verifier.CreateRequestAsync(query);
        var submission = await vp.PresentAsync(transaction.ByReferenceLink!, (_, _) => ValueTask.FromResult(PresentationConsent.Approve));
        Assert.True(submission.IsValid, submission.Error?.ToString());
        var result = (await verifier.GetResultAsync(transaction.TransactionId)).GetValueOrThrow();
        Assert.Equal(OpenId4VpTransactionStatus.Accepted, result.Status);
        Assert.Equal(FamilyName, result.Presentations.Single().Claims!.Value.GetProperty("family_name").GetString());

        // And a health check, so its log lines are scanned too.
        var health = await _app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Status);
        await _app.StopAsync();

        // What must never appear: the claims, the credential's salts and disclosures, every secret that crossed the wire, the private keys.
        var stored = (await store.GetAsync(received.Value.Imported.Id)).GetValueOrThrow();
        var credential = SdJwtToken.Read(stored.Raw).GetValueOrThrow();
        var secrets = new List<string> { FamilyName, GivenName, BirthDate, offer.Offer.PreAuthorizedCode!.PreAuthorizedCode, transaction.Request.Nonce!, _issuerKey.ExportPrivateJwk().D!, _verifierKey.ExportPrivateJwk().D! };
        secrets.AddRange(credential.Disclosures.Select(d => d.Salt));
        secrets.AddRange(credential.Disclosures.Select(d => d.Encoded));
        secrets.AddRange(_traffic.Secrets);
        Assert.Contains(_traffic.Secrets, s => s.Length > 16 && !s.Contains('.', StringComparison.Ordinal)); // the access token and c_nonce were seen
        var records = _logs.Records;

        // The scan can fail: it sees the framework's categories with their scopes, and the wire's JWTs and opaque secrets.
        Assert.Contains(records, r => r.Category.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category.StartsWith("Credentials.", StringComparison.Ordinal) && r.Text.Contains("scope:", StringComparison.Ordinal) && r.Text.Contains("RequestPath=", StringComparison.Ordinal));
        Assert.Contains(_traffic.Secrets, s => s.StartsWith("eyJ", StringComparison.Ordinal));
        Assert.Contains(_tags, t => t.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var texts = records.Select(r => $"[{r.Category}] {r.Text}")
            .Concat(_tags)
            .Concat(_measurements.SelectMany(m => m.Tags.Select(t => $"{m.Instrument} {t.Key}={t.Value}")))
            .ToList();
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret or claim value ({secret[..Math.Min(6, secret.Length)]}…) reached telemetry: {text}");
            }

            Assert.False(Jwt().IsMatch(text), "A JWT reached telemetry: " + text);
            Assert.DoesNotContain(Pin, text, StringComparison.Ordinal);
        }

        // The expected events and instruments appeared.
        var ids = records.Where(r => r.Category.StartsWith("Credentials.", StringComparison.Ordinal)).Select(r => r.EventId.Id).ToHashSet();
        Assert.Contains(1220, ids); // access token issued
        Assert.Contains(1230, ids); // credential issued
        Assert.Contains(1202, ids); // endpoint answered
        Assert.Contains(1310, ids); // request object served
        Assert.Contains(1300, ids); // presentation accepted
        Assert.All(records.Where(r => r.Category.StartsWith("Credentials.", StringComparison.Ordinal)), r => Assert.InRange(r.EventId.Id, 1000, 1699));
        var issued = Assert.Single(records, r => r.EventId.Id == 1230);
        Assert.Contains(Configuration, issued.Text, StringComparison.Ordinal);
        Assert.Contains(_measurements, m => m.Instrument == "credentials.issued" && m.Tags.Any(t => t.Key == "credentials.configuration_id" && (string?)t.Value == Configuration));
        Assert.Contains(_measurements, m => m.Instrument == "credentials.presentations.verified" && m.Tags.Any(t => t.Key == "credentials.outcome" && (string?)t.Value == "accepted"));
        Assert.Contains(_measurements, m => m.Instrument == "credentials.verified" && m.Tags.Any(t => t.Key == "credentials.outcome" && (string?)t.Value == "valid"));
        Assert.Contains(_tags, t => t.Contains("credentials.openid4vp.response", StringComparison.Ordinal));
        Assert.Contains(_tags, t => t.Contains("credentials.openid4vci.credential", StringComparison.Ordinal));
    }

    private TrustList Trust() => new([new TrustedIssuer { Issuer = IssuerId, Keys = [_issuerKey.PublicJwk], CredentialTypes = [Vct] }]);

    // Any compact JWS/JWT: a base64url JSON header ("{"...) followed by a payload.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}")]
    private static partial Regex Jwt();
}
