using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary><c>verifier request</c> and <c>holder respond</c> talking OpenID4VP over loopback, in-process.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task RequestAndRespond_AgeOver20WithYes_VerifierAcceptsOnlyThatClaim()
    {
        using var bed = new AppTestBed();
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        var (request, link) = await StartRequestAsync(bed, "age-over-20", timeoutSeconds: 60);

        var respond = await bed.HolderAsync("respond", link, "--wallet", bed.WalletPath, "--yes", "--allow-local-network", "--json");
        var result = await request;

        Assert.True(respond.ExitCode == 0, respond.ToString());
        Assert.Equal(["age_over_20"], respond.Json["presentations"]![0]!["requested"]!.AsArray().Select(c => (string)c!["path"]![0]!));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True((bool)result.Json["accepted"]!);
        var presentation = result.Json["presentations"]![0]!;
        Assert.Equal(AppTestBed.AgeVct, (string?)presentation["vct"]);
        Assert.Equal(["age_over_20"], presentation["disclosed"]!.AsArray().Select(c => (string)c!["path"]![0]!));
        Assert.True((bool?)presentation["disclosed"]![0]!["value"]);
        Assert.DoesNotContain("2000-02-29", result.Output);
    }

    [Fact]
    public async Task RequestAndRespond_HumanOutput_ShowsPlanAndVerifiedClaimWithLabels()
    {
        using var bed = new AppTestBed();
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        var (request, link) = await StartRequestAsync(bed, "age-over-20", timeoutSeconds: 60, json: false);

        var respond = await bed.HolderAsync("respond", link, "--wallet", bed.WalletPath, "--yes", "--allow-local-network", "--lang", "ja");
        var result = await request;

        Assert.True(respond.ExitCode == 0, respond.ToString());
        Assert.Contains(AppTestBed.ClaimLabel("age_over_20", "ja-JP"), respond.Output);
        Assert.Contains(AppTestBed.TypeName("ja-JP"), respond.Output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(link, result.Output);
        Assert.Contains(AppTestBed.ClaimLabel("age_over_20", "en-US"), result.Output);
    }

    [Fact]
    public async Task Respond_WalletWithoutRequestedCredential_DeclinesAndVerifierSeesWalletError()
    {
        using var bed = new AppTestBed();
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        var (request, link) = await StartRequestAsync(bed, "ipa-exam", timeoutSeconds: 60);

        var respond = await bed.HolderAsync("respond", link, "--wallet", bed.WalletPath, "--yes", "--allow-local-network", "--json");
        var result = await request;

        Assert.Equal(ExitCodes.Failure, respond.ExitCode);
        Assert.Equal("holder.cannot_answer", respond.ErrorCode);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("WalletError", (string?)result.Json["status"]);
        Assert.Equal("access_denied", (string?)result.Json["walletError"]);
    }

    [Fact]
    public async Task Respond_NoTerminalAndNoYes_SendsNothingAndVerifierTimesOut()
    {
        using var bed = new AppTestBed();
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        // Long enough for the holder to open its wallet and fetch the request on a loaded machine before refusing.
        var (request, link) = await StartRequestAsync(bed, "age-over-20", timeoutSeconds: 20);

        var respond = await bed.HolderAsync("respond", link, "--wallet", bed.WalletPath, "--allow-local-network", "--json");
        var result = await request;

        Assert.Equal(ExitCodes.Usage, respond.ExitCode);
        Assert.Equal("holder.consent_required", respond.ErrorCode);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("verifier.timeout", result.ErrorCode);
    }

    [Fact]
    public async Task Respond_MalformedLink_FailsWithoutStackTrace()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();

        var run = await bed.HolderAsync("respond", "openid4vp://?client_id=x", "--wallet", bed.WalletPath, "--yes", "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.NotNull(run.ErrorCode);
        Assert.NotEqual(CliErrors.UnexpectedCode, run.ErrorCode);
    }

    [Fact]
    public async Task Receive_MalformedOffer_FailsWithoutStackTrace()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();

        var run = await bed.HolderAsync("receive", "openid-credential-offer://?credential_offer=%7B", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, "--yes", "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.NotNull(run.ErrorCode);
        Assert.NotEqual(CliErrors.UnexpectedCode, run.ErrorCode);
    }

    [Fact]
    public async Task Request_UnknownQuery_IsUsageError()
    {
        using var bed = new AppTestBed();

        var run = await bed.VerifierAsync("request", "--query", "everything", "--trust", bed.IssuerPublicJwkPath, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
    }

    [Fact]
    public async Task Request_MalformedDcqlFile_FailsWithInvalidQuery()
    {
        using var bed = new AppTestBed();
        var query = bed.Write("query.json", "{\"credentials\": []}");

        var run = await bed.VerifierAsync("request", "--query", query, "--trust", bed.IssuerPublicJwkPath, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("verifier.invalid_query", run.ErrorCode);
    }

    private static async Task<(Task<AppRun> Request, string Link)> StartRequestAsync(AppTestBed bed, string query, int timeoutSeconds, bool json = true)
    {
        var linkFile = bed.PathOf("link-" + Guid.NewGuid().ToString("N") + ".txt");
        string[] args = ["request", "--query", query, "--trust", bed.IssuerPublicJwkPath, "--urls", "http://127.0.0.1:0", "--link-out", linkFile, "--timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var request = Task.Run(() => bed.VerifierAsync(json ? [.. args, "--json"] : args));
        // The file may exist before its line is written: wait for content, up to 60 s.
        for (var i = 0; i < 600 && !(File.Exists(linkFile) && new FileInfo(linkFile).Length > 0); i++)
        {
            if (request.IsCompleted)
            {
                Assert.Fail("The verifier stopped before printing a link: " + await request);
            }

            await Task.Delay(100);
        }

        return (request, File.ReadAllText(linkFile).Trim());
    }
}
