using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Credentials.Samples.Tests.Issuer;
using Xunit;

namespace Credentials.Samples.Tests.Cli;

/// <summary>Errors in the user's words: no .NET internals, JSON positions as line and column, one line per message in a file.</summary>
public sealed partial class ErrorOutputTests : IssuerTestBase
{
    [Theory]
    [InlineData("{\"birth_date\": \"2002-04-02\",,}", 1, 29)]
    [InlineData("{\n  \"氏名\": \"高橋\",,\n}", 2, 14)]
    [InlineData("{\"a\": tru}", 1, 10)]
    public async Task Issue_MalformedClaimsJson_LineAndColumnInPlainWords(string json, int line, int column)
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("claims.json"), json);

        var run = await RunAsync("issue", "--key", key, "--type", "age", "--claims", PathOf("claims.json"), "--out", PathOf("c"), "--json");

        Assert.Equal(CliErrors.MalformedJsonCode, run.ErrorCode);
        var message = Message(run);
        AssertNoInternals(message);
        Assert.Contains($"line {line}, column {column}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusRevoke_IndexNeverGiven_NoParameterName()
    {
        var key = await CreateKeyAsync("issuer");
        await RunOkAsync("issue", "--key", key, "--type", "age", "--claims", SampleClaims("age"), "--status-list", PathOf("status.db"), "--status-uri", "https://issuer.example.jp/status/1", "--out", PathOf("c"));

        var run = await RunAsync("status", "revoke", "--db", PathOf("status.db"), "--uri", "https://issuer.example.jp/status/1", "--index", "999999", "--json");

        Assert.Equal(IssuerErrors.UnknownStatusIndex, run.ErrorCode);
        AssertNoInternals(Message(run));
    }

    [Theory]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"not base64url!\"}")]
    [InlineData("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":1}")]
    [InlineData("{\"kty\":")]
    public async Task Did_MalformedKey_NoInternals(string jwk)
    {
        File.WriteAllText(PathOf("key.jwk"), jwk);

        var run = await RunAsync("did", "--key", PathOf("key.jwk"), "--json");

        Assert.NotEqual(0, run.ExitCode);
        AssertNoInternals(Message(run));
    }

    [Fact]
    public async Task Serve_StateWhereNothingCanBeWritten_NoInternals()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("serve", "--key", key, "--urls", "http://127.0.0.1:1", "--state", "/proc/no-such-dir/state.db", "--json");

        Assert.Equal(CliErrors.WriteFailedCode, run.ErrorCode);
        AssertNoInternals(Message(run));
    }

    [Fact]
    public async Task Issue_ManyProblemsWithStandardErrorInAFile_EachMessageOnOneLine()
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("claims.json"), "{\"birth_date\": \"2003-02-30\", \"nickname\": \"ゆい\", \"favourite_colour\": \"blue\", \"shoe_size\": 24}");

        // The built app with standard error redirected, as when it is written to a file or a pipe.
        var run = await BuiltApp.RunAsync("Issuer", ["issue", "--key", key, "--type", "age", "--claims", PathOf("claims.json"), "--out", PathOf("c")]);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error ({CliErrors.InvalidClaimsCode})", lines[0], StringComparison.Ordinal);
        Assert.True(lines[0].Length > 200, lines[0]);
    }

    [Fact]
    public void Report_StandardErrorIsATerminal_LongMessageWrapsAtItsWidth()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, language: UiLanguage.English, environment: _ => null, errorIsTerminal: true);

        CliApp.Report(host, json: false, new CliError("cli.example", string.Join(' ', Enumerable.Repeat("word", 100)), "hint"));

        Assert.True(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 2);
    }

    internal static void AssertNoInternals(string? message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.False(Internals().IsMatch(message!), $"The message shows .NET internals: {message}");
    }

    private static string? Message(CliRun run) => run.Json.GetProperty("error").GetProperty("message").GetString();

    [GeneratedRegex(@"\(Parameter '|LineNumber|BytePositionInLine|Path: \$|SQLite Error|Exception\b|\bSystem\.[A-Z]|\bMicrosoft\.[A-Z]|\s+at [A-Z]\w*\.")]
    private static partial Regex Internals();
}
