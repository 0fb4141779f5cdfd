using System;
using System.Net;
using System.Threading.Tasks;
using Credentials.Testing.Stores;
using Npgsql;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary><c>issuer serve --flow authorization-code --postgres</c>: two instances behind one public URL share the login.</summary>
public sealed partial class IssuerAuthorizationCodeFlowTests
{
    [Fact]
    public async Task Login_TwoInstancesOnOnePostgresDatabase_FormShownByOneAcceptedByTheOther()
    {
        var (key, _) = await CreateIssuerKeyAsync();
        var postgres = await PostgreSqlTestServer.GetConnectionStringAsync();
        await using var one = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--offer", "age", "--flow", "authorization-code", "--postgres", postgres]);
        var first = one.Url;
        await using var two = await Serve.StartOnFreshPortAsync(_bed, url => ["--key", key, "--urls", url, "--public-url", first, "--offer", "age", "--flow", "authorization-code", "--postgres", postgres]);
        var second = two.Url;
        using var browser = NewBrowser(out _);

        // PAR and the login page on the first instance; the one-time code (printed by the first) posted to the second:
        // the pending authorization, the code and the form's anti-forgery keys are all in the database.
        var html = await OpenLoginPageAsync(browser, first, "http://127.0.0.1:9/callback");
        using var signedIn = await PostCodeAsync(browser, second, html, (string)one.Json["offer"]!["loginCode"]!);

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.StartsWith("http://127.0.0.1:9/callback?", signedIn.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code=", signedIn.Headers.Location.Query, StringComparison.Ordinal);

        // The anti-forgery keys are in the database (not in a folder both instances happen to share on this machine).
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM credentials.issuer_sample_data_protection_keys");
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1);
    }
}
