using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Credentials.Samples.Web;
using Credentials.Samples.Web.Desk;
using Credentials.Samples.Web.Trust;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>
/// The desk's issuer identifier is the app's address: after a restart on another port, a certificate issued under the
/// earlier address is still trusted by the app's verifiers (every address the issuer had, with its one key kept in the
/// data folder).
/// </summary>
public sealed class DeskPortChangeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-web-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task A_certificate_issued_before_a_restart_on_another_port_stays_trusted()
    {
        string firstOrigin;
        IssuedCertificate certificate;
        await using (var first = await StartAsync())
        {
            firstOrigin = WebApp.Origin(first);
            var desk = first.Services.GetRequiredService<DeskIssuance>();
            var read = DeskCsvReader.Read(Encoding.UTF8.GetBytes(DeskWallet.SampleCsv), Samples.JapanTime.Today(_clock));
            var offer = Assert.Single(await desk.OfferAsync(read.Rows, withPin: true));
            certificate = await DeskWallet.RedeemAsync(offer.Row.OfferLink, offer.Pin, _clock);
            await first.StopAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var holderKey = certificate.HolderKey;

        // The first port is held while the second app starts, so the OS cannot hand it out again. If it cannot be
        // held, something else holds it, which keeps it from the second app just as well.
        using var holder = HoldPort(new Uri(firstOrigin).Port);
        await using var second = await StartAsync();
        var secondOrigin = WebApp.Origin(second);
        Assert.NotEqual(firstOrigin, secondOrigin);
        var trust = second.Services.GetRequiredService<SampleTrust>();
        var verifier = new SdJwtVcVerifier(trust.List, options: new SdJwtVcVerifierOptions { TimeProvider = _clock });

        var verified = await verifier.VerifyAsync(certificate.Credential, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Forbidden, Status = StatusCheck.Skip });

        Assert.True(verified.IsValid, verified.Error?.ToString());
        Assert.Equal(firstOrigin, verified.Value.Issuer);
        Assert.Contains(trust.Issuers, i => i.Issuer == secondOrigin);
        Assert.Contains(trust.Issuers, i => i.Issuer == firstOrigin);
        Assert.All(trust.Issuers.Where(i => i.Issuer == firstOrigin || i.Issuer == secondOrigin), i => Assert.Equal(second.Services.GetRequiredService<SampleIssuer>().PublicKey.ComputeThumbprint(), Assert.Single(i.Keys).ComputeThumbprint()));
    }

    private static TcpListener? HoldPort(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }

    private async Task<WebApplication> StartAsync()
    {
        var app = WebApp.Build(new WebAppSettings { DataDirectory = _folder, Port = 0, TimeProvider = _clock, EnvironmentName = "Development" });
        await app.StartAsync();
        return app;
    }
}
