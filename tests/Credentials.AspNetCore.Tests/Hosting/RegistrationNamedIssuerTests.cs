using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Testing;
using Credentials.Testing.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>Two issuers registered under their own names in one app, on real Kestrel, each serving its own metadata.</summary>
public sealed class RegistrationNamedIssuerTests : IDisposable
{
    private readonly SigningKey _keyA = SigningKey.Create(JwsAlgorithm.Es256, "a-1");
    private readonly SigningKey _keyB = SigningKey.Create(JwsAlgorithm.Es256, "b-1");

    public void Dispose()
    {
        _keyA.Dispose();
        _keyB.Dispose();
    }

    [Fact]
    public async Task TwoNamedIssuers_OneApp_ServeTheirOwnMetadataAndAreKeyedServices()
    {
        // The issuer identifiers name the origin before the app starts: another port is picked if this one is taken.
        var logs = new CapturedLogs();
        await using var server = await LoopbackPort.OnFreshPortAsync(origin => LoopbackServer.StartAsync(
            app =>
            {
                app.MapOpenId4VciIssuer("/a", new OpenId4VciEndpointOptions { IssuerName = "a" });
                app.MapOpenId4VciIssuer(options: new OpenId4VciEndpointOptions { IssuerName = "b" });
                app.MapGet("/which", ([FromKeyedServices("b")] OpenId4VciIssuer issuer) => issuer.CredentialIssuer);
            },
            builder =>
            {
                builder.WebHost.UseUrls(origin);
                logs = new CapturedLogs();
                builder.Logging.AddProvider(logs);
                builder.Services.AddInMemoryProtocolStateStore();
                builder.Services.AddOpenId4VciIssuer("a", RegistrationFixtures.Issuer(origin + "/a", _keyA, "age_a"));
                builder.Services.AddOpenId4VciIssuer("b", RegistrationFixtures.Issuer(origin + "/b", _keyB, "age_b"));
            }));
        var origin = server.Origin;

        var a = await MetadataAsync(server.Client, "/.well-known/openid-credential-issuer/a");
        var b = await MetadataAsync(server.Client, "/.well-known/openid-credential-issuer/b");
        using var nonceA = await server.Client.PostAsync("/a/nonce", null);
        using var nonceB = await server.Client.PostAsync("/b/nonce", null);

        Assert.Equal(origin + "/a", a.GetProperty("credential_issuer").GetString());
        Assert.Equal(origin + "/b", b.GetProperty("credential_issuer").GetString());
        Assert.Equal(["age_a"], a.GetProperty("credential_configurations_supported").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["age_b"], b.GetProperty("credential_configurations_supported").EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, (int)nonceA.StatusCode);
        Assert.Equal(200, (int)nonceB.StatusCode);
        Assert.Equal(origin + "/b", await server.Client.GetStringAsync("/which"));
        Assert.Null(server.Services.GetService<OpenId4VciIssuer>());
        Assert.NotSame(server.Services.GetRequiredKeyedService<OpenId4VciIssuer>("a"), server.Services.GetRequiredKeyedService<OpenId4VciIssuer>("b"));
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 1000 && e.Category == "Credentials.AspNetCore.Hosting.HostingRegistrations"));
    }

    private static async Task<JsonElement> MetadataAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
