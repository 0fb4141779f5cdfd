using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Testing;
using Xunit;

namespace Credentials.Samples.Tests.Session;

/// <summary>Runs the copy-pasteable mdoc session of samples/README.md with bash against the built apps.</summary>
public sealed class MdocReadmeSessionTests
{
    [Fact]
    public async Task MdocReadmeSession_RunsAsWritten_VerifierSeesOnlyTheChosenElements()
    {
        var root = RepositoryRoot.Path;
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "samples", "README.md"));
        var block = readme.Split("<!-- mdoc-session -->")[1].Split("<!-- /mdoc-session -->")[0];
        var script = string.Join('\n', block.Split('\n').SkipWhile(l => !l.StartsWith("```sh", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal)));
        // The README's fixed ports may be held by something else on a shared machine: the same script on free ones.
        foreach (var port in new[] { "5087", "5088", "5089" })
        {
            script = script.Replace("127.0.0.1:" + port, "127.0.0.1:" + FreeLoopbackPort(), StringComparison.Ordinal);
        }

        var scriptPath = Path.Combine(Path.GetTempPath(), "credentials-mdoc-session-" + Guid.NewGuid().ToString("N") + ".sh");
        await File.WriteAllTextAsync(scriptPath, script);

        var start = new ProcessStartInfo("bash", scriptPath)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ISSUER_CMD"] = "dotnet " + BuiltApp.PathOf("Issuer");
        start.Environment["HOLDER_CMD"] = "dotnet " + BuiltApp.PathOf("Holder");
        start.Environment["VERIFIER_CMD"] = "dotnet " + BuiltApp.PathOf("Verifier");
        foreach (var name in new[] { UiLanguages.OverrideVariable, "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE" })
        {
            start.Environment.Remove(name);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The mdoc session did not finish in 10 minutes.");
            }

            var output = await stdout;
            var all = output + await stderr;
            Assert.True(process.ExitCode == 0, all);
            Assert.Contains("mdoc session complete", output, StringComparison.Ordinal);
            Assert.Contains("mdoc.invalid_device_signature", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);

            // Step 5 prints age_over_20 and no other element; step 7 the categories and no personal element.
            var shop = output.Split("Session: client_id https://shop.example.jp")[1].Split("✗")[0];
            Assert.Contains("age_over_20", shop, StringComparison.Ordinal);
            foreach (var element in new[] { "family_name", "given_name", "birth_date", "age_over_18", "document_number", "driving_privileges", "resident_address" })
            {
                Assert.DoesNotContain(element, shop, StringComparison.Ordinal);
            }

            var roadside = output.Split("Session: client_id https://police.example.jp")[1];
            Assert.Contains("driving_privileges", roadside, StringComparison.Ordinal);
            Assert.DoesNotContain("age_over_20", roadside, StringComparison.Ordinal);
            Assert.DoesNotContain("YAMADA", roadside, StringComparison.Ordinal);
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
