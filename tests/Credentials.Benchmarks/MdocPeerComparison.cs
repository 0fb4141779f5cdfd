using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Mdoc.Certificates;

namespace Credentials.Benchmarks;

/// <summary>
/// The .NET half of <c>MdocCompare.sh</c>: builds the <see cref="MdocWorkload"/> DeviceResponse, times its
/// verification (default chain cache, and the cache off) and the raw floor in plain loops after a warm-up, writes the
/// same DeviceResponse with the IACA and the OpenID4VP request values to a JSON file for <c>mdoc-bench-verify.mjs</c>,
/// and prints its own timings as one JSON object.
/// </summary>
public static class MdocPeerComparison
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Runs the .NET side and writes the peer's input.</summary>
    /// <param name="iterations">Timed iterations per operation.</param>
    /// <param name="peerInputPath">Where to write the input of <c>mdoc-bench-verify.mjs</c>.</param>
    public static async Task RunAsync(int iterations, string peerInputPath)
    {
        using var workload = await MdocWorkload.CreateAsync();
        var verifier = workload.Verifier(trustCache: true);
        var verifierNoCache = workload.Verifier(trustCache: false);
        if (!verifier.Verify(workload.DeviceResponse, workload.Transcript).IsValid)
        {
            throw new InvalidOperationException("The .NET DeviceResponse does not verify.");
        }

        var mso = RandomNumberGenerator.GetBytes(workload.MsoLength + 20);
        var device = RandomNumberGenerator.GetBytes(workload.DeviceAuthenticationLength);
        var msoSignature = workload.DocumentSignerKey.Sign(mso);
        var deviceSignature = workload.DeviceKey.Sign(device);
        using var documentSigner = workload.DocumentSigner.GetECDsaPublicKey()!;
        using var devicePublic = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = System.Buffers.Text.Base64Url.DecodeFromChars(workload.DeviceKey.PublicJwk.X!),
                Y = System.Buffers.Text.Base64Url.DecodeFromChars(workload.DeviceKey.PublicJwk.Y!),
            },
        });

        bool Floor()
        {
            var ok = documentSigner.VerifyData(mso, msoSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            ok &= devicePublic.VerifyData(device, deviceSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(workload.Iaca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return ok & chain.Build(workload.DocumentSigner);
        }

        var times = TimeInterleaved(
            iterations,
            Floor,
            () => verifier.Verify(workload.DeviceResponse, workload.Transcript).IsValid,
            () => verifierNoCache.Verify(workload.DeviceResponse, workload.Transcript).IsValid);

        var peerInput = new JsonObject
        {
            ["deviceResponseHex"] = Convert.ToHexStringLower(workload.DeviceResponse),
            ["trustedPems"] = new JsonArray(MdocCertificates.ExportPem(workload.Iaca)),
            ["clientId"] = MdocWorkload.ClientId,
            ["nonce"] = MdocWorkload.Nonce,
            ["responseUri"] = MdocWorkload.ResponseUri,
            ["iterations"] = iterations,
            ["warmup"] = Math.Max(200, iterations / 5),
            ["rounds"] = Rounds,
        };
        await File.WriteAllTextAsync(peerInputPath, peerInput.ToJsonString());

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"implementation":"Credentials (.NET {{Environment.Version}})","deviceResponseBytes":{{workload.DeviceResponse.Length}},"floor":{{times[0]}},"verify":{{times[1]}},"verifyNoChainCache":{{times[2]}}}"""));
    }

    private const int Rounds = 10;

    // Warms every operation up for three seconds (the tiered JIT's optimised code, as V8 is warmed on the Node side),
    // then runs them interleaved in rounds of iterations / Rounds calls each, so a change in the machine's load hits
    // all of them alike. Returns per operation {"mean": µs over all rounds, "best": µs of its fastest round}.
    private static string[] TimeInterleaved(int iterations, params Func<bool>[] operations)
    {
        foreach (var operation in operations)
        {
            for (var warm = Stopwatch.StartNew(); warm.Elapsed < WarmUp;)
            {
                if (!operation())
                {
                    throw new InvalidOperationException("A timed operation failed.");
                }
            }
        }

        var perRound = Math.Max(1, iterations / Rounds);
        var total = new double[operations.Length];
        var best = new double[operations.Length];
        Array.Fill(best, double.MaxValue);
        for (var round = 0; round < Rounds; round++)
        {
            for (var o = 0; o < operations.Length; o++)
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < perRound; i++)
                {
                    operations[o]();
                }

                var micros = watch.Elapsed.TotalMicroseconds;
                total[o] += micros;
                best[o] = Math.Min(best[o], micros / perRound);
            }
        }

        var result = new string[operations.Length];
        for (var o = 0; o < operations.Length; o++)
        {
            result[o] = string.Create(CultureInfo.InvariantCulture, $$"""{"mean":{{total[o] / (perRound * Rounds):F1}},"best":{{best[o]:F1}}}""");
        }

        return result;
    }
}
