using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IssuerBatchTests : IssuerTestBase
{
    [Fact]
    public async Task Batch_TwoHundredPeople_WritesTwoHundredCredentialsThatVerify()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var lines = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            var birth = new DateOnly(1960, 1, 1).AddDays(i * 97);
            var claims = new JsonObject { ["birth_date"] = IsoDate.Format(birth) };
            lines.AppendLine(i % 2 == 0
                ? claims.ToJsonString()
                : new JsonObject { ["id"] = $"person-{i}", ["claims"] = claims, ["holder_key"] = JsonNode.Parse(holderKey.PublicJwk.ToJson()) }.ToJsonString());
        }

        File.WriteAllText(PathOf("people.jsonl"), lines.ToString());

        var run = await RunOkAsync("batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out"), "--json");

        var files = Directory.GetFiles(PathOf("out"), "*.sd-jwt");
        Assert.Equal(200, files.Length);
        Assert.Equal(200, run.Json.GetProperty("count").GetInt32());
        Assert.True(run.Json.GetProperty("perSecond").GetDouble() > 0);
        Assert.Contains(files, f => Path.GetFileName(f) == "person-1.sd-jwt");
        Assert.Contains(files, f => Path.GetFileName(f) == "000001.sd-jwt");
        foreach (var file in files)
        {
            var bound = Path.GetFileName(file).StartsWith("person-", StringComparison.Ordinal);
            var result = await CredentialChecks.PresentAllAndVerifyAsync(File.ReadAllText(file), bound ? holderKey : null, Clock);
            CredentialChecks.AssertValid(result);
        }
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--iat-precision", "day" }, true)]
    [InlineData(new[] { "--iat-precision", "second" }, false)]
    public async Task Batch_IatPrecision_DefaultWritesMidnightUtcForIatNbfAndExpAndEachVerifies(string[] extra, bool midnight)
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        WritePeople(5);

        await RunOkAsync(["batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out.jsonl"), .. extra]);

        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var line in File.ReadAllLines(PathOf("out.jsonl")))
        {
            var credential = JsonNode.Parse(line)!["credential"]!.GetValue<string>();
            var payload = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(credential.Split('.')[1])))!;
            var iat = payload["iat"]!.GetValue<long>();
            Assert.Equal(midnight ? now - (now % 86400) : now, iat);
            if (midnight)
            {
                Assert.Equal(0, payload["exp"]!.GetValue<long>() % 86400);
                Assert.Equal(0, (payload["nbf"]?.GetValue<long>() ?? 0) % 86400);
            }

            CredentialChecks.AssertValid(await CredentialChecks.PresentAllAndVerifyAsync(credential, null, Clock));
        }
    }

    [Fact]
    public async Task Batch_JsonLinesWithStatusList_EachCredentialVerifiesWithItsOwnStatusIndex()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        var lines = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            lines.AppendLine(new JsonObject { ["birth_date"] = IsoDate.Format(new DateOnly(1970, 1, 1).AddDays(i * 31)) }.ToJsonString());
        }

        File.WriteAllText(PathOf("people.jsonl"), lines.ToString());

        var run = await RunOkAsync("batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out.jsonl"),
            "--status-list", PathOf("status.db"), "--status-uri", "https://issuer.example.jp/status/1", "--parallelism", "2", "--json");

        Assert.Equal(300, run.Json.GetProperty("count").GetInt32());
        var written = File.ReadAllLines(PathOf("out.jsonl"));
        Assert.Equal(300, written.Length);
        var indices = new System.Collections.Generic.HashSet<long>();
        var names = new System.Collections.Generic.HashSet<string>();
        foreach (var line in written)
        {
            var entry = JsonNode.Parse(line)!.AsObject();
            Assert.True(names.Add(entry["id"]!.GetValue<string>()));
            var credential = entry["credential"]!.GetValue<string>();
            var result = await CredentialChecks.PresentAllAndVerifyAsync(credential, null, Clock);
            CredentialChecks.AssertValid(result);
            var payload = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(credential.Split('.')[1])))!;
            Assert.True(indices.Add(payload["status"]!["status_list"]!["idx"]!.GetValue<long>()));
        }
    }

    [Fact]
    public async Task Batch_InterruptedAfterHundredRows_RerunCompletesWithTheFirstRunsIndicesAndNoDuplicates()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        WritePeople(300);
        string[] args = ["batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out.jsonl"), "--status-list", PathOf("status.db"), "--status-uri", StatusUri, "--parallelism", "2", "--json"];
        await RunOkAsync(args);
        var firstIndices = IndicesOf(File.ReadAllLines(PathOf("out.jsonl")));

        // What a kill leaves behind: 100 complete lines and half of the next one.
        var lines = File.ReadAllLines(PathOf("out.jsonl"));
        File.WriteAllText(PathOf("out.jsonl"), string.Join("\n", lines.Take(100)) + "\n" + lines[100][..(lines[100].Length / 2)]);
        var rerun = await RunOkAsync(args);

        var written = File.ReadAllLines(PathOf("out.jsonl"));
        Assert.True(rerun.Json.GetProperty("resumed").GetBoolean());
        Assert.Equal(200, rerun.Json.GetProperty("issued").GetInt32());
        Assert.Equal(300, written.Length);
        Assert.Equal(lines.Take(100), written.Take(100));
        Assert.Equal(300, written.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(firstIndices.Order(), IndicesOf(written).Order());
        Assert.Equal(300, await AllocatedAsync());
    }

    [Fact]
    public async Task Batch_CancelledWhileSigning_RerunCompletesAndTakesNoNewIndex()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        WritePeople(1500);
        string[] args = ["batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out.jsonl"), "--status-list", PathOf("status.db"), "--status-uri", StatusUri, "--parallelism", "1", "--json"];
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        var host = new CliHost(output, TextWriter.Null, Clock, UiLanguage.English, _ => null);
        var running = CliApp.InvokeAsync(Credentials.Samples.Issuer.IssuerApp.CreateRootCommand(host), args, host, stop.Token);
        while (!running.IsCompleted && (!File.Exists(PathOf("out.jsonl")) || new FileInfo(PathOf("out.jsonl")).Length == 0))
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        var first = await running;
        var rerun = await RunOkAsync(args);

        var written = File.ReadAllLines(PathOf("out.jsonl"));
        Assert.Contains(first, new[] { ExitCodes.Success, ExitCodes.Cancelled });
        Assert.Equal(1500, written.Length);
        Assert.Equal(1500, written.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(1500, IndicesOf(written).Distinct().Count());
        Assert.Equal(1500, await AllocatedAsync());
        Assert.Equal(1500, rerun.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Batch_DirectoryWithMissingFiles_RerunWritesOnlyThoseWithTheirReservedIndices()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        WritePeople(20);
        string[] args = ["batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out"), "--status-list", PathOf("status.db"), "--status-uri", StatusUri, "--json"];
        await RunOkAsync(args);
        var before = Directory.GetFiles(PathOf("out"), "*.sd-jwt").OrderBy(f => f, StringComparer.Ordinal).ToDictionary(f => f, File.ReadAllText);
        var removed = before.Keys.Take(5).ToList();
        removed.ForEach(File.Delete);

        var rerun = await RunOkAsync(args);

        Assert.Equal(5, rerun.Json.GetProperty("issued").GetInt32());
        foreach (var (file, text) in before)
        {
            var now = File.ReadAllText(file);
            if (removed.Contains(file))
            {
                Assert.NotEqual(text, now);
                Assert.Equal(IndexOf(text), IndexOf(now));
            }
            else
            {
                Assert.Equal(text, now);
            }
        }

        Assert.Equal(20, await AllocatedAsync());
    }

    [Fact]
    public async Task Batch_CompleteBatchRunAgain_IssuesNothing()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        WritePeople(10);
        string[] args = ["batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out.jsonl"), "--status-list", PathOf("status.db"), "--status-uri", StatusUri, "--json"];
        await RunOkAsync(args);
        var before = File.ReadAllText(PathOf("out.jsonl"));

        var rerun = await RunOkAsync(args);

        Assert.Equal(0, rerun.Json.GetProperty("issued").GetInt32());
        Assert.Equal(before, File.ReadAllText(PathOf("out.jsonl")));
        Assert.Equal(10, await AllocatedAsync());
    }

    [Fact]
    public async Task Batch_OtherInputOverExistingOutput_FileExistsUnlessForce()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        WritePeople(10);
        string[] args = ["batch", "--key", key, "--type", "age", "--input", PathOf("people.jsonl"), "--out", PathOf("out.jsonl"), "--status-list", PathOf("status.db"), "--status-uri", StatusUri, "--json"];
        await RunOkAsync(args);
        WritePeople(11);

        var refused = await RunAsync(args);
        var forced = await RunOkAsync([.. args, "--force"]);

        Assert.Equal(CliErrors.FileExistsCode, refused.ErrorCode);
        Assert.False(forced.Json.GetProperty("resumed").GetBoolean());
        Assert.Equal(11, File.ReadAllLines(PathOf("out.jsonl")).Length);
        Assert.Equal(21, await AllocatedAsync());
    }

    [Fact]
    public async Task Batch_HumanOutput_PrintsSummary()
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("in.jsonl"), File.ReadAllText(SampleClaims("ipa-exam")).ReplaceLineEndings(" ") + "\n");

        var run = await RunOkAsync("batch", "--key", key, "--type", "ipa-exam", "--input", PathOf("in.jsonl"), "--out", PathOf("out"));

        Assert.Contains("Batch issued", run.Output, StringComparison.Ordinal);
        Assert.Contains("/s", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_InvalidLine_IssuesNothingAndNamesTheLine()
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("in.jsonl"), "{\"birth_date\":\"2000-01-01\"}\n\n{\"birth_date\":\"2000/01/01\"}\n{oops\n");

        var run = await RunAsync("batch", "--key", key, "--type", "age", "--input", PathOf("in.jsonl"), "--out", PathOf("out"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("issuer.invalid_batch_line", run.ErrorCode);
        var message = run.Json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("line 3", message, StringComparison.Ordinal);
        Assert.Contains("line 4", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PathOf("out")) && Directory.EnumerateFiles(PathOf("out")).Any());
    }

    [Theory]
    [InlineData("d")]
    [InlineData("k")]
    public async Task Batch_HolderKeyWithPrivateOrSymmetricMember_IssuesNothing(string member)
    {
        var key = await CreateKeyAsync("issuer");
        using var holderKey = SigningKey.Create(JwsAlgorithm.Es256);
        var jwk = JsonNode.Parse(holderKey.PublicJwk.ToJson())!.AsObject();
        jwk[member] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE";
        File.WriteAllText(PathOf("in.jsonl"), new JsonObject { ["claims"] = new JsonObject { ["birth_date"] = "2000-01-01" }, ["holder_key"] = jwk }.ToJsonString() + "\n");

        var run = await RunAsync("batch", "--key", key, "--type", "age", "--input", PathOf("in.jsonl"), "--out", PathOf("out"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("issuer.invalid_batch_line", run.ErrorCode);
        Assert.False(Directory.Exists(PathOf("out")) && Directory.EnumerateFiles(PathOf("out")).Any());
    }

    [Fact]
    public async Task Batch_UnknownType_InputError()
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("in.jsonl"), "{}\n");

        var run = await RunAsync("batch", "--key", key, "--type", "passport", "--input", PathOf("in.jsonl"), "--out", PathOf("out"), "--json");

        Assert.Equal(CliErrors.UnknownTypeCode, run.ErrorCode);
    }

    [Fact]
    public async Task Batch_MissingInput_InputError()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("batch", "--key", key, "--type", "age", "--input", PathOf("absent.jsonl"), "--out", PathOf("out"), "--json");

        Assert.Equal(CliErrors.FileNotFoundCode, run.ErrorCode);
    }

    private const string StatusUri = "https://issuer.example.jp/status/1";

    private void WritePeople(int count)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            lines.AppendLine(new JsonObject { ["birth_date"] = IsoDate.Format(new DateOnly(1950, 1, 1).AddDays(i * 7)) }.ToJsonString());
        }

        File.WriteAllText(PathOf("people.jsonl"), lines.ToString());
    }

    private static long IndexOf(string credential)
    {
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(credential.Split('~')[0].Split('.')[1])))!;
        return payload["status"]!["status_list"]!["idx"]!.GetValue<long>();
    }

    private static List<long> IndicesOf(IEnumerable<string> lines)
        => [.. lines.Select(l => IndexOf(JsonNode.Parse(l)!["credential"]!.GetValue<string>()))];

    private async Task<long> AllocatedAsync()
    {
        var list = await Credentials.AspNetCore.Storage.SqliteStatusListStore.ForFile(PathOf("status.db")).GetListAsync(StatusUri);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return list!.Allocated;
    }
}
