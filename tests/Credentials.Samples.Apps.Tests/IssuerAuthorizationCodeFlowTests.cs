using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Samples.Holder;
using Credentials.Samples.Issuer;
using Credentials.Testing.Ports;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// <c>issuer serve --flow authorization-code</c> with <c>holder receive OFFER</c>: the holder pushes its request and
/// prints the authorization URL; the test plays the person's browser (login page, one-time code, anti-forgery token,
/// redirect to the holder's loopback listener) and the credential lands in the wallet. Negatives: a wrong code shows the
/// error and does not redirect; the token endpoint refuses a request without DPoP; with
/// <c>--wallet-provider-trust</c> PAR refuses a wallet without an attestation.
/// </summary>
public sealed partial class IssuerAuthorizationCodeFlowTests : IDisposable
{
    private const string ClientId = "credentials-holder-sample";
    private const string LoginPath = "/login";

    // Nothing loads; the form posts to the issuer and its redirect may go to a loopback redirect URI only.
    private const string ContentSecurityPolicy = "default-src 'none'; form-action 'self' http://127.0.0.1:* http://[::1]:*; frame-ancestors 'none'; base-uri 'none'";

    private readonly AppTestBed _bed = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServeAndReceive_PersonSignsInWithTheOneTimeCode_CredentialIsInTheWallet(bool restartBeforeLogin)
    {
        await _bed.CreateWalletWithKeyAsync();
        var (key, publicKey) = await CreateIssuerKeyAsync();
        var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--offer", "age", "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        try
        {
            var offer = serve.Json["offer"]!;
            Assert.Equal("authorization_code", (string?)offer["grant"]);
            var loginCode = (string)offer["loginCode"]!;
            Assert.Matches("^[0-9]{8}$", loginCode);

            using var holderOut = new LockedWriter();
            using var holderErr = new LockedWriter();
            var holderHost = new CliHost(holderOut, holderErr, environment: name => _bed.Environment.GetValueOrDefault(name), interactive: false);
            var receiving = HolderApp.RunAsync(["receive", (string)offer["link"]!, "--wallet", _bed.WalletPath, "--trust", publicKey, "--yes", "--allow-local-network", "--auth-timeout", "60", "--json"], holderHost);
            var authorizationUrl = await WaitForLineAsync(holderErr, url + "/authorize?", receiving);

            using var browser = NewBrowser(out _);
            using var page = await browser.GetAsync(new Uri(authorizationUrl));
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("ワンタイムコード", html, StringComparison.Ordinal);
            Assert.Contains("One-time code", html, StringComparison.Ordinal);

            // A wrong code: the error, the form again, no redirect.
            using var wrong = await PostCodeAsync(browser, url, html, WrongCode(loginCode));
            var wrongHtml = await wrong.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Null(wrong.Headers.Location);
            Assert.Contains("id=\"error\"", wrongHtml, StringComparison.Ordinal);
            Assert.False(receiving.IsCompleted);

            if (restartBeforeLogin)
            {
                // The pending authorization, the login session and the form's anti-forgery keys survive a restart.
                await serve.DisposeAsync();
                serve = await Serve.StartAsync(_bed, ["--key", key, "--urls", url, "--offer", "age", "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
            }

            using var right = await PostCodeAsync(browser, url, wrongHtml, loginCode);
            Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
            var redirect = right.Headers.Location!;
            Assert.StartsWith("http://127.0.0.1:", redirect.AbsoluteUri, StringComparison.Ordinal);
            Assert.Contains("code=", redirect.Query, StringComparison.Ordinal);
            Assert.Contains("iss=", redirect.Query, StringComparison.Ordinal);
            using var back = await browser.GetAsync(redirect);
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);

            var exit = await receiving.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"exit {exit}\n{holderOut}\n{holderErr}");
            var received = JsonNode.Parse(holderOut.ToString())!;
            Assert.Equal(AppTestBed.AgeVct, (string?)received["vct"]);
            Assert.Single((await _bed.HolderJsonAsync("list"))["credentials"]!.AsArray());

            // The code was single use: posting it again for the finished login changes nothing.
            using var again = await PostCodeAsync(browser, url, wrongHtml, loginCode);
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Null(again.Headers.Location);
        }
        finally
        {
            await serve.DisposeAsync();
        }
    }

    [Fact]
    public async Task Login_FiveWrongCodes_AuthorizationDeniedWithAccessDenied()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        await using var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        var loginCode = (string)serve.Json["offer"]!["loginCode"]!;
        using var browser = NewBrowser(out _);
        var html = await OpenLoginPageAsync(browser, url, "http://127.0.0.1:9/callback");

        for (var attempt = 1; attempt < 5; attempt++)
        {
            using var wrong = await PostCodeAsync(browser, url, html, WrongCode(loginCode));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Null(wrong.Headers.Location);
            html = await wrong.Content.ReadAsStringAsync();
        }

        using var last = await PostCodeAsync(browser, url, html, WrongCode(loginCode));

        Assert.Equal(HttpStatusCode.SeeOther, last.StatusCode);
        Assert.StartsWith("http://127.0.0.1:9/callback?error=access_denied&state=st-1&iss=", last.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        // The right code no longer helps: the authorization is over.
        using var late = await PostCodeAsync(browser, url, html, loginCode);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Null(late.Headers.Location);
    }

    [Fact]
    public async Task Login_WalletInitiatedWithoutOffer_AnyPrintedCodeSignsIn()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        await using var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        using var browser = NewBrowser(out _);
        var html = await OpenLoginPageAsync(browser, url, "http://[::1]:9/cb");

        using var right = await PostCodeAsync(browser, url, html, (string)serve.Json["offer"]!["loginCode"]!);

        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.StartsWith("http://[::1]:9/cb?code=", right.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_FormWithoutAntiforgeryToken_RefusedWithoutRedirect()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        await using var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        using var browser = NewBrowser(out _);
        var html = await OpenLoginPageAsync(browser, url, "http://127.0.0.1:9/callback");
        var pending = WebUtility.HtmlDecode(HiddenInput().Matches(html).Single(m => m.Groups[1].Value == "pending").Groups[2].Value);

        using var forged = await browser.PostAsync(new Uri(url + LoginPath), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["pending"] = pending,
            ["code"] = (string)serve.Json["offer"]!["loginCode"]!,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
    }

    [Fact]
    public async Task Serve_AuthorizationCodeFlow_TokenRequestWithoutDpopIsInvalidDpopProof()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        await using var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        using var http = new HttpClient();

        using var metadata = await http.GetAsync(new Uri(url + "/.well-known/oauth-authorization-server"));
        var server = JsonNode.Parse(await metadata.Content.ReadAsStringAsync())!;
        Assert.Contains("authorization_code", server["grant_types_supported"]!.AsArray().Select(n => (string?)n));
        Assert.True((bool)server["require_pushed_authorization_requests"]!);
        Assert.Contains("ES256", server["dpop_signing_alg_values_supported"]!.AsArray().Select(n => (string?)n));

        using var token = await http.PostAsync(new Uri(url + "/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "some-code",
            ["redirect_uri"] = "http://127.0.0.1:9/callback",
            ["client_id"] = ClientId,
            ["code_verifier"] = new string('a', 43),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("invalid_dpop_proof", (string?)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Serve_WalletProviderTrust_ParWithoutWalletAttestationIsInvalidClient()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        using var provider = SigningKey.Create(JwsAlgorithm.Es256);
        var providerKey = _bed.Write("provider.pub.jwk", provider.PublicJwk.ToJson());
        await using var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--flow", "authorization-code", "--wallet-provider-trust", providerKey, "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        using var http = new HttpClient();

        using var metadata = await http.GetAsync(new Uri(url + "/.well-known/oauth-authorization-server"));
        var server = JsonNode.Parse(await metadata.Content.ReadAsStringAsync())!;
        Assert.Contains("attest_jwt_client_auth", server["token_endpoint_auth_methods_supported"]!.AsArray().Select(n => (string?)n));

        using var par = await http.PostAsync(new Uri(url + "/par"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = "http://127.0.0.1:9/callback",
            ["code_challenge"] = Credentials.OAuth.Pkce.ComputeS256Challenge(Credentials.OAuth.Pkce.CreateVerifier()),
            ["code_challenge_method"] = "S256",
            ["scope"] = "age",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, par.StatusCode);
        Assert.Equal("invalid_client", (string?)JsonNode.Parse(await par.Content.ReadAsStringAsync())!["error"]);

        // The same request with an attestation by the trusted provider (and its PoP by the wallet instance) is pushed.
        using var instance = SigningKey.Create(JwsAlgorithm.Es256);
        var attestation = await new Credentials.OAuth.ClientAttestationIssuer(provider).IssueAsync(ClientId, instance.PublicJwk);
        using var attested = new HttpRequestMessage(HttpMethod.Post, new Uri(url + "/par")) { Content = ParForm("http://127.0.0.1:9/callback") };
        attested.Headers.Add("OAuth-Client-Attestation", attestation);
        attested.Headers.Add("OAuth-Client-Attestation-PoP", await Credentials.OAuth.ClientAttestationPop.CreateAsync(instance, url, TimeProvider.System));
        using var pushed = await http.SendAsync(attested);
        Assert.True(pushed.StatusCode == HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync());

        // An attestation by another provider is refused.
        using var stranger = SigningKey.Create(JwsAlgorithm.Es256);
        using var untrusted = new HttpRequestMessage(HttpMethod.Post, new Uri(url + "/par")) { Content = ParForm("http://127.0.0.1:9/callback") };
        untrusted.Headers.Add("OAuth-Client-Attestation", await new Credentials.OAuth.ClientAttestationIssuer(stranger).IssueAsync(ClientId, instance.PublicJwk));
        untrusted.Headers.Add("OAuth-Client-Attestation-PoP", await Credentials.OAuth.ClientAttestationPop.CreateAsync(instance, url, TimeProvider.System));
        using var refused = await http.SendAsync(untrusted);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Serve_WalletProviderTrustMisused_InvalidOption(bool withFlow)
    {
        var (key, _) = await CreateIssuerKeyAsync();
        var trust = withFlow ? _bed.Write("not-a-key.json", "{\"kty\":\"nope\"}") : _bed.IssuerPublicJwkPath;
        string[] flow = withFlow ? ["--flow", "authorization-code"] : [];

        var run = await _bed.IssuerAsync(["serve", "--key", key, "--urls", LoopbackPort.PickUrl(), .. flow, "--wallet-provider-trust", trust, "--state", _bed.PathOf("state.db"), "--json"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("cli.invalid_option", run.ErrorCode);
    }

    [Fact]
    public async Task Serve_AuthorizationCodeFlow_NonLoopbackRedirectUriIsUnauthorizedClient()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        await using var serve = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--flow", "authorization-code", "--state", _bed.PathOf("state.db")]);
        var url = serve.Url;
        using var http = new HttpClient();

        using var par = await http.PostAsync(new Uri(url + "/par"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = "https://wallet.example.com/callback",
            ["code_challenge"] = Credentials.OAuth.Pkce.ComputeS256Challenge(Credentials.OAuth.Pkce.CreateVerifier()),
            ["code_challenge_method"] = "S256",
            ["scope"] = "age",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, par.StatusCode);
        Assert.Equal("unauthorized_client", (string?)JsonNode.Parse(await par.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Serve_TxCodeWithAuthorizationCodeFlow_InvalidOption()
    {
        var (key, _) = await CreateIssuerKeyAsync();

        var run = await _bed.IssuerAsync("serve", "--key", key, "--flow", "authorization-code", "--tx-code", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("cli.invalid_option", run.ErrorCode);
    }

    public void Dispose() => _bed.Dispose();

    private async Task<(string Key, string PublicKey)> CreateIssuerKeyAsync()
    {
        var key = _bed.PathOf("issuer.jwk");
        var publicKey = _bed.PathOf("issuer-serve.pub.jwk");
        var run = await _bed.IssuerAsync("keys", "create", "--alg", "ES256", "--out", key, "--public-out", publicKey, "--force");
        Assert.True(run.ExitCode == 0, run.ToString());
        return (key, publicKey);
    }

    /// <summary>Pushes a wallet-initiated request (PAR, PKCE S256, scope age) and opens the authorization URL: the login page.</summary>
    private static async Task<string> OpenLoginPageAsync(HttpClient browser, string url, string redirectUri)
    {
        using var par = await browser.PostAsync(new Uri(url + "/par"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["code_challenge"] = Credentials.OAuth.Pkce.ComputeS256Challenge(Credentials.OAuth.Pkce.CreateVerifier()),
            ["code_challenge_method"] = "S256",
            ["scope"] = "age",
            ["state"] = "st-1",
        }));
        Assert.Equal(HttpStatusCode.Created, par.StatusCode);
        var requestUri = (string)JsonNode.Parse(await par.Content.ReadAsStringAsync())!["request_uri"]!;
        using var page = await browser.GetAsync(new Uri($"{url}/authorize?client_id={Uri.EscapeDataString(ClientId)}&request_uri={Uri.EscapeDataString(requestUri)}"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent ParForm(string redirectUri) => new(new Dictionary<string, string>
    {
        ["client_id"] = ClientId,
        ["response_type"] = "code",
        ["redirect_uri"] = redirectUri,
        ["code_challenge"] = Credentials.OAuth.Pkce.ComputeS256Challenge(Credentials.OAuth.Pkce.CreateVerifier()),
        ["code_challenge_method"] = "S256",
        ["scope"] = "age",
    });

    private static string WrongCode(string code) => (code[0] == '9' ? '0' : (char)(code[0] + 1)) + code[1..];

    private static HttpClient NewBrowser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Submits the login form on <paramref name="html"/> (its hidden fields: the anti-forgery token and the pending id) with <paramref name="code"/>.</summary>
    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string url, string html, string code)
    {
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
        Assert.Equal(2, fields.Count);
        fields["code"] = code;
        Assert.Contains($"action=\"{LoginPath}\"", html, StringComparison.Ordinal);
        return browser.PostAsync(new Uri(url + LoginPath), new FormUrlEncodedContent(fields));
    }

    private static async Task<string> WaitForLineAsync(TextWriter writer, string prefix, Task<int> running)
    {
        for (var i = 0; i < 300; i++)
        {
            var line = writer.ToString()!.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            if (running.IsCompleted)
            {
                throw new InvalidOperationException($"holder receive exited early with {await running}:\n{writer}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"holder receive printed no authorization URL:\n{writer}");
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    /// <summary>A string writer that the app writes on its threads while the test reads it.</summary>
    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_lock)
            {
                base.Write(buffer, index, count);
            }
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            lock (_lock)
            {
                base.Write(buffer);
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }

    /// <summary><c>issuer serve --json</c> running in this process until disposed.</summary>
    private sealed class Serve : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<int> _running = Task.FromResult(0);

        private Serve(string url) => Url = url;

        /// <summary>The URL it listens on, <c>http://127.0.0.1:port</c>.</summary>
        public string Url { get; }

        public JsonObject Json { get; private set; } = [];

        /// <summary>Starts <c>serve</c> with <c>args(url)</c> on a fresh loopback URL: another port if the one picked was taken.</summary>
        public static Task<Serve> StartOnFreshPortAsync(AppTestBed bed, Func<string, string[]> args)
            => LoopbackPort.OnFreshPortAsync(url => StartOnceAsync(bed, url, args(url)));

        /// <summary>Starts <c>serve</c> with <paramref name="args"/> on the address of a stopped server (a restart), again while it is in use.</summary>
        public static Task<Serve> StartAsync(AppTestBed bed, string[] args)
            => LoopbackPort.OnSamePortAsync(() => StartOnceAsync(bed, args[Array.IndexOf(args, "--urls") + 1], args));

        private static async Task<Serve> StartOnceAsync(AppTestBed bed, string url, string[] args)
        {
            var serve = new Serve(url);
            var synchronized = new LockedWriter();
            var error = new LockedWriter();
            var host = new CliHost(synchronized, error, environment: name => bed.Environment.GetValueOrDefault(name), interactive: false);
            serve._running = CliApp.InvokeAsync(IssuerApp.CreateRootCommand(host), ["serve", .. args, "--json"], host, serve._stop.Token);
            for (var i = 0; i < 300; i++)
            {
                if (serve._running.IsCompleted)
                {
                    var exit = await serve._running;
                    serve._stop.Dispose();
                    var printed = $"{synchronized}{error}";
                    if (printed.Contains("issuer.address_in_use", StringComparison.Ordinal))
                    {
                        throw new PortTakenException(printed);
                    }

                    throw new InvalidOperationException($"serve exited early with {exit}: {printed}");
                }

                var text = synchronized.ToString()!;
                if (text.TrimEnd().EndsWith('}'))
                {
                    try
                    {
                        serve.Json = JsonNode.Parse(text)!.AsObject();
                        return serve;
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        // Not complete yet.
                    }
                }

                await Task.Delay(100);
            }

            throw new TimeoutException("serve did not start.");
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
        }
    }
}
