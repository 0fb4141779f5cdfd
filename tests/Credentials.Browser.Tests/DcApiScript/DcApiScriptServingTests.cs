using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Credentials.AspNetCore.DigitalCredentials;
using Credentials.Testing;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Credentials.Browser.Tests.DcApiScript;

/// <summary><c>MapDigitalCredentialsScript</c> over real HTTP: media type, entity tag, conditional requests, HEAD, path.</summary>
public sealed class DcApiScriptServingTests
{
    [Fact]
    public async Task Get_ServesScriptWithJavaScriptTypeETagAndCaching()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapDigitalCredentialsScript());

        using var response = await server.Client.GetAsync(DigitalCredentialsScript.DefaultPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal(DigitalCredentialsScript.ETag, response.Headers.ETag!.ToString());
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl.MaxAge);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(DigitalCredentialsScript.Content.ToArray(), body);
        Assert.Contains("navigator.credentials.get", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotModified)]
    [InlineData("W/", HttpStatusCode.NotModified)]
    [InlineData("*", HttpStatusCode.NotModified)]
    [InlineData("other", HttpStatusCode.OK)]
    public async Task Get_IfNoneMatch_UsesWeakComparison(string? form, HttpStatusCode expected)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapDigitalCredentialsScript());
        using var request = new HttpRequestMessage(HttpMethod.Get, DigitalCredentialsScript.DefaultPath);
        var tag = form switch
        {
            null => DigitalCredentialsScript.ETag,
            "W/" => "W/" + DigitalCredentialsScript.ETag,
            "*" => "*",
            _ => "\"another\"",
        };
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"unrelated\", " + tag);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(DigitalCredentialsScript.ETag, response.Headers.ETag!.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected == HttpStatusCode.OK ? DigitalCredentialsScript.Content.Length : 0, body.Length);
    }

    [Fact]
    public async Task Head_AnswersLengthWithoutBody()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapDigitalCredentialsScript());
        using var request = new HttpRequestMessage(HttpMethod.Head, DigitalCredentialsScript.DefaultPath);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DigitalCredentialsScript.Content.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Map_AtChosenPath_ServesThereOnlyAndRefusesPost()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapDigitalCredentialsScript("/static/js/dc.js"));

        using var chosen = await server.Client.GetAsync("/static/js/dc.js");
        using var standard = await server.Client.GetAsync(DigitalCredentialsScript.DefaultPath);
        using var post = await server.Client.PostAsync("/static/js/dc.js", new StringContent(string.Empty));

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, standard.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public void IntegrityAndETag_AreTheDigestsOfTheContent()
    {
        var content = DigitalCredentialsScript.Content.Span;

        Assert.Equal("sha384-" + Convert.ToBase64String(SHA384.HashData(content)), DigitalCredentialsScript.Integrity);
        Assert.Equal("\"" + System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(content)) + "\"", DigitalCredentialsScript.ETag);
        Assert.True(EntityTagHeaderValue.TryParse(DigitalCredentialsScript.ETag, out _));
    }

    [Theory]
    [InlineData("innerHTML")]
    [InlineData("outerHTML")]
    [InlineData("insertAdjacentHTML")]
    [InlineData("document.write")]
    [InlineData("eval(")]
    [InlineData("new Function")]
    [InlineData("http://")]
    public void Script_UsesNoHtmlSinkNoEvalAndNoRemoteOrigin(string forbidden)
    {
        var script = Encoding.UTF8.GetString(DigitalCredentialsScript.Content.Span);

        Assert.DoesNotContain(forbidden, script, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_IsSmallAndNeedsNoCdn()
    {
        var script = Encoding.UTF8.GetString(DigitalCredentialsScript.Content.Span);

        Assert.InRange(DigitalCredentialsScript.Content.Length, 1, 16 * 1024);
        Assert.DoesNotContain("import ", script, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", script, StringComparison.Ordinal);
    }
}
