using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Hosting;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Credentials.Testing;
using Credentials.Testing.Ports;
using Credentials.Wallet.OpenId4Vci;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>
/// The issuer's credential data comes from a scoped <see cref="ICredentialDatasetSource"/>: every issuance resolves it
/// (and its scoped dependencies, such as a database context) in a fresh DI scope, disposed when the call returns.
/// </summary>
public sealed class RegistrationDatasetSourceTests : IDisposable
{
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");

    public void Dispose() => _issuerKey.Dispose();

    [Fact]
    public async Task Issuance_TwoCredentialRequests_EachUsesANewScopedSourceDisposedAfterTheCall()
    {
        var journal = new ScopeJournal();
        // The issuer identifier names the origin before the app starts: another port is picked if this one is taken.
        await using var server = await LoopbackPort.OnFreshPortAsync(origin => LoopbackServer.StartAsync(
            app => app.MapOpenId4VciIssuer(),
            builder =>
            {
                builder.WebHost.UseUrls(origin);
                builder.Services.AddSingleton(journal);
                builder.Services.AddScoped<FakeDbContext>();
                builder.Services.AddInMemoryProtocolStateStore();
                builder.Services
                    .AddOpenId4VciIssuer(o =>
                    {
                        o.CredentialIssuer = origin;
                        o.AllowHttp = true;
                        o.Signer = _issuerKey;
                        o.CredentialConfigurations.Add(new IssuerCredentialConfiguration { Id = "age_sd_jwt", Vct = RegistrationFixtures.AgeVct });
                    })
                    .AddCredentialDatasets<DbDatasetSource>();
            }));
        var issuer = server.Services.GetRequiredService<OpenId4VciIssuer>();

        await IssueAsync(issuer, "subject-1");
        await IssueAsync(issuer, "subject-2");

        Assert.Equal(["subject-1", "subject-2"], journal.Subjects);
        Assert.Equal(2, journal.Sources.Count);
        Assert.NotSame(journal.Sources[0], journal.Sources[1]);
        Assert.All(journal.Sources, s => Assert.True(s.Disposed));
        Assert.All(journal.Sources, s => Assert.True(s.Context.Disposed));
        Assert.NotSame(journal.Sources[0].Context, journal.Sources[1].Context);
    }

    private static async Task IssueAsync(OpenId4VciIssuer issuer, string subject)
    {
        using var http = new HttpClient();
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256, "holder");
        var client = new OpenId4VciClient(http, new OpenId4VciClientOptions { Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback } });
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["age_sd_jwt"], SubjectId = subject });
        var resolved = await client.ResolveOfferAsync(offer.ByValueLink);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var token = await client.RequestTokenAsync(resolved.Value, null);
        Assert.True(token.IsValid, token.Error?.ToString());
        var nonce = await client.RequestNonceAsync(issuer.NonceEndpoint);
        Assert.True(nonce.IsValid, nonce.Error?.ToString());
        var proof = await JwtKeyProof.CreateAsync(holderKey, holderKey.PublicJwk, issuer.CredentialIssuer, nonce.Value, TimeProvider.System.GetUtcNow());

        var credential = await client.RequestCredentialAsync(issuer.Metadata, token.Value.AccessToken, new CredentialRequest { CredentialConfigurationId = "age_sd_jwt", JwtProofs = [proof] });

        Assert.True(credential.IsValid, credential.Error?.ToString());
    }

    /// <summary>What the scoped sources saw, kept by a singleton.</summary>
    internal sealed class ScopeJournal
    {
        public ConcurrentQueue<string> SubjectQueue { get; } = new();

        public List<DbDatasetSource> Sources { get; } = [];

        public IEnumerable<string> Subjects => SubjectQueue;
    }

    /// <summary>Stands for an EF Core DbContext: scoped, disposable.</summary>
    internal sealed class FakeDbContext : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>A scoped source with a scoped dependency; records itself in the journal.</summary>
    internal sealed class DbDatasetSource(FakeDbContext context, ScopeJournal journal) : ICredentialDatasetSource, IAsyncDisposable
    {
        public FakeDbContext Context => context;

        public bool Disposed { get; private set; }

        public ValueTask<CredentialDataset?> GetDatasetAsync(CredentialIssuanceContext issuance, CancellationToken cancellationToken)
        {
            Assert.False(context.Disposed);
            lock (journal.Sources)
            {
                journal.Sources.Add(this);
            }

            journal.SubjectQueue.Enqueue(issuance.SubjectId!);
            return ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) });
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
