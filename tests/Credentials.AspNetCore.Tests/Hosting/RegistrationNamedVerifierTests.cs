using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>Two verifiers registered under their own names in one app, on real Kestrel, each answering at its own endpoints with its own options.</summary>
public sealed class RegistrationNamedVerifierTests : IDisposable
{
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "issuer-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task TwoNamedVerifiers_OneApp_EachEndpointUsesItsOwnVerifier()
    {
        await using var server = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapOpenId4VpVerifier(new OpenId4VpEndpointOptions { VerifierName = "small", ResponsePath = "/small/response", RequestPath = "/small/request" });
                app.MapOpenId4VpVerifier(new OpenId4VpEndpointOptions { VerifierName = "large", ResponsePath = "/large/response", RequestPath = "/large/request" });
            },
            builder =>
            {
                builder.Services.AddInMemoryProtocolStateStore();
                builder.Services.AddSdJwtVcVerifier(o => o.IssuerKeys = new StaticIssuerKeyResolver(_key.PublicJwk));
                builder.Services.AddOpenId4VpVerifier("small", o =>
                {
                    o.ClientId = "redirect_uri:https://shop.example/small/response";
                    o.ResponseUri = new Uri("https://shop.example/small/response");
                    o.MaxVpTokenLength = 100;
                });
                builder.Services.AddOpenId4VpVerifier("large", o =>
                {
                    o.ClientId = "redirect_uri:https://shop.example/large/response";
                    o.ResponseUri = new Uri("https://shop.example/large/response");
                });
            });
        var form = new Dictionary<string, string> { ["state"] = "unknown", ["vp_token"] = new string('a', 8 * 1024) };

        using var small = await server.Client.PostAsync("/small/response", new FormUrlEncodedContent(form));
        using var large = await server.Client.PostAsync("/large/response", new FormUrlEncodedContent(form));

        Assert.Equal(413, (int)small.StatusCode);
        Assert.Equal(400, (int)large.StatusCode);
        Assert.Equal(100, server.Services.GetRequiredKeyedService<OpenId4VpVerifier>("small").Options.MaxVpTokenLength);
        Assert.Null(server.Services.GetService<OpenId4VpVerifier>());
    }
}
