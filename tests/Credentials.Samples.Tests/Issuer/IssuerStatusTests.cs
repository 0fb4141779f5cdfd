using System.IO;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Keys;
using Credentials.Status;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IssuerStatusTests : IssuerTestBase
{
    private const string ListUri = "https://issuer.credentials.example.jp/ipa/status/1";

    private async Task<(string Key, long Index)> IssueWithStatusAsync(string file = "c.sd-jwt")
    {
        var key = File.Exists(PathOf("issuer.jwk")) ? PathOf("issuer.jwk") : await CreateKeyAsync("issuer");
        var run = await RunOkAsync("issue", "--key", key, "--type", "ipa-exam", "--claims", SampleClaims("ipa-exam"), "--status-list", PathOf("status.db"), "--status-uri", ListUri, "--out", PathOf(file), "--json");
        var status = run.Json.GetProperty("status");
        Assert.Equal(ListUri, status.GetProperty("uri").GetString());
        return (key, status.GetProperty("idx").GetInt64());
    }

    [Fact]
    public async Task StatusRevoke_ThenPublish_VerifierSeesRevoked()
    {
        var (key, index) = await IssueWithStatusAsync();
        await IssueWithStatusAsync("other.sd-jwt");

        var revoke = await RunOkAsync("status", "revoke", "--db", PathOf("status.db"), "--uri", ListUri, "--index", index.ToString(), "--json");
        var publish = await RunOkAsync("status", "publish", "--db", PathOf("status.db"), "--uri", ListUri, "--key", key, "--out", PathOf("status.jwt"), "--json");

        Assert.Equal("revoked", revoke.Json.GetProperty("status").GetString());
        var resolver = new OfflineStatusListResolver(new StatusListTokenVerifier(new DidIssuerKeyResolver(DidResolver.CreateDefault()), new StatusListTokenVerifierOptions { TimeProvider = Clock }));
        resolver.Add(ListUri, File.ReadAllText(PathOf("status.jwt")));
        Assert.Equal(File.ReadAllText(PathOf("status.jwt")), publish.Json.GetProperty("token").GetString());
        var revoked = await CredentialChecks.PresentAllAndVerifyAsync(File.ReadAllText(PathOf("c.sd-jwt")), null, Clock, resolver);
        var other = await CredentialChecks.PresentAllAndVerifyAsync(File.ReadAllText(PathOf("other.sd-jwt")), null, Clock, resolver);
        Assert.False(revoked.IsValid);
        Assert.Equal(StatusErrors.Revoked, revoked.Error!.Code);
        CredentialChecks.AssertValid(other);
    }

    [Fact]
    public async Task StatusSuspend_ThenUnsuspend_IsValidAgain()
    {
        var (_, index) = await IssueWithStatusAsync();
        var args = new[] { "--db", PathOf("status.db"), "--uri", ListUri, "--index", index.ToString(), "--json" };

        var suspended = await RunOkAsync(["status", "suspend", .. args]);
        var unsuspended = await RunOkAsync(["status", "unsuspend", .. args]);
        var shown = await RunOkAsync(["status", "show", .. args]);

        Assert.Equal("suspended", suspended.Json.GetProperty("status").GetString());
        Assert.Equal("valid", unsuspended.Json.GetProperty("status").GetString());
        Assert.Equal("valid", shown.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task StatusUnsuspend_Revoked_RefusedWithFailure()
    {
        var (_, index) = await IssueWithStatusAsync();
        var args = new[] { "--db", PathOf("status.db"), "--uri", ListUri, "--index", index.ToString(), "--json" };
        await RunOkAsync(["status", "revoke", .. args]);

        var run = await RunAsync(["status", "unsuspend", .. args]);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("issuer.status_change_refused", run.ErrorCode);
    }

    [Fact]
    public async Task StatusRevoke_UnknownListOrIndex_InputError()
    {
        var (_, index) = await IssueWithStatusAsync();

        var list = await RunAsync("status", "revoke", "--db", PathOf("status.db"), "--uri", "https://other.example/status", "--index", "1", "--json");
        var unallocated = await RunAsync("status", "revoke", "--db", PathOf("status.db"), "--uri", ListUri, "--index", (index == 0 ? 1 : 0).ToString(), "--json");
        var noDb = await RunAsync("status", "revoke", "--db", PathOf("absent.db"), "--uri", ListUri, "--index", "1", "--json");

        Assert.Equal("issuer.status_list_unknown", list.ErrorCode);
        Assert.Equal("issuer.status_index_unknown", unallocated.ErrorCode);
        Assert.Equal(CliErrors.FileNotFoundCode, noDb.ErrorCode);
        Assert.All(new[] { list, unallocated, noDb }, r => Assert.Equal(ExitCodes.InputError, r.ExitCode));
    }

    [Fact]
    public async Task StatusPublish_ToStandardOutput_WritesToken()
    {
        var (key, _) = await IssueWithStatusAsync();

        var run = await RunOkAsync("status", "publish", "--db", PathOf("status.db"), "--uri", ListUri, "--key", key);

        Assert.Equal(3, run.Output.Trim().Split('.').Length);
    }
}
