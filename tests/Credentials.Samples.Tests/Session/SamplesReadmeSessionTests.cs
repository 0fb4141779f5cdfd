using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Session;

/// <summary>Runs the copy-pasteable session from samples/README.md with bash against the built apps.</summary>
public sealed class SamplesReadmeSessionTests
{
    [Fact]
    public async Task ReadmeSession_RunsAsWritten_EveryStepSucceeds()
    {
        var root = RepositoryRoot.Path;
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "samples", "README.md"));
        var block = readme.Split("<!-- session -->")[1].Split("<!-- /session -->")[0];
        var script = string.Join('\n', block.Split('\n').SkipWhile(l => !l.StartsWith("```sh", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal)));
        // The README's fixed ports may be held by something else on a shared machine: the same script on free ones.
        foreach (var port in new[] { "5087", "5088", "5089" })
        {
            script = script.Replace("127.0.0.1:" + port, "127.0.0.1:" + FreeLoopbackPort(), StringComparison.Ordinal);
        }

        var scriptPath = Path.Combine(Path.GetTempPath(), "credentials-session-" + Guid.NewGuid().ToString("N") + ".sh");
        await File.WriteAllTextAsync(scriptPath, script);

        var start = new ProcessStartInfo("bash", scriptPath)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The apps built next to this solution (the same configuration as this test), instead of 'dotnet run'.
        start.Environment["ISSUER_CMD"] = "dotnet " + BuiltApp.PathOf("Issuer");
        start.Environment["HOLDER_CMD"] = "dotnet " + BuiltApp.PathOf("Holder");
        start.Environment["VERIFIER_CMD"] = "dotnet " + BuiltApp.PathOf("Verifier");
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The session did not finish in 10 minutes.");
            }

            var output = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, output);
            Assert.Contains("session complete", output, StringComparison.Ordinal);
            Assert.Contains("年齢確認証明（サンプル）", output, StringComparison.Ordinal);
            Assert.Contains("kb.nonce_mismatch", output, StringComparison.Ordinal);
            Assert.Contains("wallet.wrong_passphrase", output, StringComparison.Ordinal);
            Assert.Contains("Presentation accepted", output, StringComparison.Ordinal);

            // The credential's status list is published on loopback: checked on import and by the verifier, and the
            // revocation at the end is seen.
            Assert.Contains("status.revoked", output, StringComparison.Ordinal);

            // The W3C part: an exam certificate signed with Data Integrity and as a vc+jwt verifies (the Japanese name
            // is shown under --lang ja); changed after signing, its proof fails.
            Assert.Contains("情報処理技術者試験 合格証明書（サンプル）", output, StringComparison.Ordinal);
            Assert.Contains("DataIntegrityProof/eddsa-rdfc-2022", output, StringComparison.Ordinal);
            Assert.Contains("Format: vc+jwt", output, StringComparison.Ordinal);
            Assert.Contains("di.invalid_signature", output, StringComparison.Ordinal);

            // Open Badges: the baked PNG verifies and is shown as a badge; once revoked it fails with status.revoked.
            Assert.Contains("オープンバッジ (Open Badges 3.0)", output, StringComparison.Ordinal);
            Assert.Contains("PNG 画像に焼き込み済み", output, StringComparison.Ordinal);
            Assert.Contains("基本情報技術者試験 合格", output, StringComparison.Ordinal);
            Assert.True(output.Split("status.revoked").Length >= 3, "both revocations are seen");
            Assert.DoesNotContain("--skip-status", script, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
