using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.Dcql;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>The verifier's endpoints when the request is hostile or the state store fails: always a JSON protocol error.</summary>
public sealed class OpenId4VpFailureTests : IAsyncLifetime
{
    private readonly Faults _faults = new();
    private LoopbackHost _host = null!;

    private string ResponseUri => _host.Origin + "/openid4vp/response";

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync(
            (services, origin) =>
            {
                services.AddSingleton<IProtocolStateStore>(new FaultyProtocolStateStore(new InMemoryProtocolStateStore(), _faults));
                services.AddSingleton(new SdJwtVcVerifier(new StaticIssuerKeyResolver([])));
                services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
                {
                    ClientId = ClientIdentifier.ForRedirectUri(new Uri(origin() + "/openid4vp/response")).Value,
                    ResponseUri = new Uri(origin() + "/openid4vp/response"),
                });
            },
            app => app.MapOpenId4VpVerifier());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Response_StateStoreFails_500ServerErrorJsonAndLogged()
    {
        var verifier = _host.Services.GetRequiredService<OpenId4VpVerifier>();
        var transaction = await verifier.CreateRequestAsync(DcqlQuery.Read("""{"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://example.jp/age"]}}]}""").Value);
        _faults.StateStoreFails = true;

        var (status, error) = await PostAsync(new FormUrlEncodedContent([new("state", transaction.Request.State), new("vp_token", "{}")]));

        Assert.Equal((500, "server_error"), (status, error));
        var logged = Assert.Single(_host.Logs.Errors);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(logged.Exception);
        Assert.DoesNotContain(transaction.Request.State!, _host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_Multipart_400InvalidRequest()
    {
        using var content = new MultipartFormDataContent { { new StringContent("x"), "state" } };

        Assert.Equal((400, "invalid_request"), await PostAsync(content));
    }

    [Fact]
    public async Task Response_DeclaredBodyOverTheLimit_413InvalidRequest()
    {
        var body = "state=x&vp_token=" + new string('a', (AuthorizationResponse.DefaultMaxVpTokenLength * 3) + 8192);

        Assert.Equal((413, "invalid_request"), await PostAsync(new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded")));
    }

    [Fact]
    public async Task Response_ThousandsOfFields_400InvalidRequest()
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < 2000; i++)
        {
            fields.Add(new("f" + i, "v"));
        }

        Assert.Equal((400, "invalid_request"), await PostAsync(new FormUrlEncodedContent(fields)));
    }

    private async Task<(int Status, string? Error)> PostAsync(HttpContent content)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(ResponseUri, content);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        return ((int)response.StatusCode, document.RootElement.GetProperty("error").GetString());
    }
}
