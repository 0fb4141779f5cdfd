using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.Storage;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.Testing.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// The Authorization Code Flow over real HTTP (Kestrel on loopback, state in SQLite): PAR, the authorize endpoint handing
/// over to the app's login page (the hook), the app completing it, the code exchange with PKCE and the Credential
/// Request; the state surviving a restart.
/// </summary>
public sealed class AuthorizationCodeEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Client = "https://wallet.example.jp";
    private const string Redirect = "https://wallet.example.jp/cb";
    private const string Exam = "ipa_exam_pass_sd_jwt";

    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly SigningKey _holder = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly string _verifier = Pkce.CreateVerifier();
    private readonly List<string?> _subjects = [];
    private WebApplication _app = null!;
    private string _origin = string.Empty;

    private string IssuerId => _origin + "/ipa";

    public async Task InitializeAsync()
    {
        await StartAsync("http://127.0.0.1:0");
        _origin = "http://127.0.0.1:" + new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        _http.Dispose();
        _issuerKey.Dispose();
        _holder.Dispose();
        _db.Dispose();
    }

    private async Task StartAsync(string url)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(_db.Path));
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = _issuerKey,
            AllowHttp = true,
            TimeProvider = _clock,
            ValidateClient = (client, redirect) => client == Client && redirect == Redirect,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = Exam, Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1", Scope = "ipa_exam" }],
            ResolveDataset = (context, _) =>
            {
                _subjects.Add(context.SubjectId);
                return ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Disclosable("given_name", "結衣") });
            },
        });
        _app = builder.Build();

        // The app's login page: shows the pending id in its form; the form posts it back with the user's credentials.
        _app.MapOpenId4VciIssuer("/ipa", new OpenId4VciEndpointOptions
        {
            AuthorizationPage = (context, pending) => context.Response.WriteAsync("pending=" + pending.Id + ";client=" + pending.ClientId),
        });
        _app.MapPost("/login", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            var issuer = context.RequestServices.GetRequiredService<OpenId4VciIssuer>();

            // The app authenticates the person (here: a fixed test password); the library issues the code.
            var result = form["password"] == "correct"
                ? await issuer.CompleteAuthorizationAsync(form["pending"]!, form["user"]!)
                : await issuer.DenyAuthorizationAsync(form["pending"]!);
            if (!result.IsValid)
            {
                context.Response.StatusCode = 400;
                return;
            }

            context.Response.Redirect(result.Value.AbsoluteUri);
        });
        try
        {
            await _app.StartAsync();
        }
        catch
        {
            await _app.DisposeAsync();
            throw;
        }
    }

    private async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // The same address: the issuer identifier and the pushed requests name it. Another process may hold the port
        // for a moment after it was released, so the start is tried again while the address is in use.
        await LoopbackPort.OnSamePortAsync(() => StartAsync(_origin));
    }

    private async Task<(int Status, JsonElement Body)> PostFormAsync(string url, params (string, string)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)));
        using var response = await _http.PostAsync(url, content);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private Task<(int Status, JsonElement Body)> ParAsync(string? method = Pkce.S256)
    {
        var form = new List<(string, string)>
        {
            ("client_id", Client), ("redirect_uri", Redirect), ("response_type", "code"), ("state", "s1"),
            ("code_challenge", Pkce.ComputeS256Challenge(_verifier)), ("scope", "ipa_exam"),
        };
        if (method is not null)
        {
            form.Add(("code_challenge_method", method));
        }

        return PostFormAsync(IssuerId + "/par", [.. form]);
    }

    private async Task<string> PendingAsync(string requestUri)
    {
        var page = await _http.GetStringAsync(IssuerId + "/authorize?client_id=" + Uri.EscapeDataString(Client) + "&request_uri=" + Uri.EscapeDataString(requestUri));
        Assert.Contains("client=" + Client, page, StringComparison.Ordinal);
        return page.Split(';')[0]["pending=".Length..];
    }

    private async Task<Uri> LoginAsync(string pending, string password = "correct")
    {
        using var content = new FormUrlEncodedContent([new("pending", pending), new("user", "exam-2026-05-01234"), new("password", password)]);
        using var response = await _http.PostAsync(_origin + "/login", content);
        Assert.Equal(302, (int)response.StatusCode);
        return response.Headers.Location!;
    }

    private static Dictionary<string, string> Query(Uri uri)
        => uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    private Task<(int Status, JsonElement Body)> TokenAsync(string code)
        => PostFormAsync(IssuerId + "/token", ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect), ("client_id", Client), ("code_verifier", _verifier));

    [Fact]
    public async Task FullFlow_OverHttp_IssuesCredentialForTheLoggedInUser()
    {
        var metadata = AuthorizationServerMetadata.Read(await _http.GetByteArrayAsync(AuthorizationServerMetadata.GetWellKnownUri(IssuerId))).Value;
        var par = await ParAsync();
        var redirect = await LoginAsync(await PendingAsync(par.Body.GetProperty("request_uri").GetString()!));
        var query = Query(redirect);
        var token = await TokenAsync(query["code"]);
        var nonce = (await PostFormAsync(IssuerId + "/nonce")).Body.GetProperty("c_nonce").GetString()!;
        var proof = await JwtKeyProof.CreateAsync(_holder, _holder.PublicJwk, IssuerId, nonce, _clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, IssuerId + "/credential")
        {
            Content = new StringContent(new CredentialRequest { CredentialConfigurationId = Exam, JwtProofs = [proof] }.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token.Body.GetProperty("access_token").GetString());
        using var credential = await _http.SendAsync(request);

        Assert.Equal(IssuerId + "/par", metadata.PushedAuthorizationRequestEndpoint);
        Assert.Equal(IssuerId + "/authorize", metadata.AuthorizationEndpoint);
        Assert.Equal(201, par.Status);
        Assert.Equal(Redirect, redirect.GetLeftPart(UriPartial.Path));
        Assert.Equal("s1", query["state"]);
        Assert.Equal(IssuerId, query["iss"]);
        Assert.Equal(200, token.Status);
        Assert.Equal(200, (int)credential.StatusCode);
        Assert.Equal(["exam-2026-05-01234"], _subjects);
    }

    [Fact]
    public async Task Par_PlainPkce_InvalidRequest()
    {
        var par = await ParAsync("plain");

        Assert.Equal(400, par.Status);
        Assert.Equal("invalid_request", par.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_WithoutPar_ErrorShownNotRedirected()
    {
        using var response = await _http.GetAsync(IssuerId + "/authorize?client_id=" + Uri.EscapeDataString(Client) + "&response_type=code&redirect_uri=" + Uri.EscapeDataString(Redirect));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Login_Denied_RedirectsWithAccessDenied()
    {
        var par = await ParAsync();
        var redirect = await LoginAsync(await PendingAsync(par.Body.GetProperty("request_uri").GetString()!), password: "wrong");

        Assert.Equal("access_denied", Query(redirect)["error"]);
    }

    [Fact]
    public async Task Restart_PushedRequestAndCodeSurvive_AndStaySingleUse()
    {
        var requestUri = (await ParAsync()).Body.GetProperty("request_uri").GetString()!;
        await RestartAsync();
        var pending = await PendingAsync(requestUri);
        await RestartAsync();
        var code = Query(await LoginAsync(pending))["code"];
        await RestartAsync();

        var first = await TokenAsync(code);
        var replay = await TokenAsync(code);
        using var replayedUri = await _http.GetAsync(IssuerId + "/authorize?client_id=" + Uri.EscapeDataString(Client) + "&request_uri=" + Uri.EscapeDataString(requestUri));

        Assert.Equal(200, first.Status);
        Assert.Equal((400, "invalid_grant"), (replay.Status, replay.Body.GetProperty("error").GetString()));
        Assert.Equal(400, (int)replayedUri.StatusCode);
    }
}
