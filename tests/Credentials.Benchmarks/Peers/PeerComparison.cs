using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.W3c.DataIntegrity;

namespace Credentials.Benchmarks.Peers;

/// <summary>
/// The .NET half of <c>compare.sh</c>: the workloads of <c>sd-jwt-js.mjs</c> and <c>vc-di.mjs</c> timed the same way
/// (a warm-up, then a plain loop; a cross-language comparison cannot run under BenchmarkDotNet), each printed as one
/// JSON object.
/// </summary>
public static class PeerComparison
{
    private const string IssuerId = ExamWorkload.Issuer;
    private const string Vct = ExamWorkload.Vct;
    private const string Audience = ExamWorkload.Audience;
    private const string Nonce = ExamWorkload.Nonce;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Runs the comparison workload and writes the timings to standard output.</summary>
    /// <param name="iterations">Timed iterations per operation.</param>
    public static async Task RunAsync(int iterations)
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtVcIssuer(issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, DefaultValidity = TimeSpan.FromDays(365) });
        var holder = new SdJwtHolder();
        using var trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [issuerKey.PublicJwk], CredentialTypes = [Vct] }]);
        var verifier = new SdJwtVcVerifier(trust, options: new SdJwtVcVerifierOptions());
        var policy = new SdJwtVcPolicy
        {
            KeyBinding = KeyBindingRequirement.Required(Audience, Nonce),
            AcceptedVcts = [Vct],
            IssuerAuthorization = trust,
            Status = StatusCheck.Skip,
            TypeMetadata = TypeMetadataCheck.Skip,
        };
        var selection = ExamWorkload.Selection();
        var keyBinding = new KeyBindingInput(Audience, Nonce);

        SdJwtVcIssuance Issuance() => ExamWorkload.Issuance(holderKey.PublicJwk);

        var credential = await issuer.IssueAsync(Issuance());

        // The stored form, as a wallet keeps it: each presentation starts from text, like sd-jwt-js's present().
        var stored = credential.Serialize();
        var presentation = (await holder.PresentAsync(SdJwtToken.Read(stored).Value, selection, keyBinding, holderKey)).Value.Serialize();
        var check = await verifier.VerifyAsync(presentation, policy);
        if (!check.IsValid || check.Value!.Claims.TryGetProperty("family_name", out _))
        {
            throw new InvalidOperationException("The .NET presentation did not verify as expected.");
        }

        var jwt = credential.IssuerSignedJwt;
        var message = Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]);
        var signature = issuerKey.Sign(message);
        var publicKey = issuerKey.GetVerificationKey();

        var rawSign = Time(iterations, () => issuerKey.Sign(message));
        var rawVerify = Time(iterations, () => publicKey.Verify(JwsAlgorithm.EdDsa, message, signature));
        var issue = await TimeAsync(iterations, async () => await issuer.IssueAsync(Issuance()));
        var present = await TimeAsync(iterations, async () => await holder.PresentAsync(SdJwtToken.Read(stored).Value, selection, keyBinding, holderKey));
        var verify = await TimeAsync(iterations, async () => await verifier.VerifyAsync(presentation, policy));

        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"implementation":"Credentials (.NET {{Environment.Version}})","rawSignMicroseconds":{{rawSign}},"rawVerifyMicroseconds":{{rawVerify}},"issueMicroseconds":{{issue}},"presentMicroseconds":{{present}},"verifyMicroseconds":{{verify}}}""");
        Console.WriteLine(json);
    }

    /// <summary>
    /// Signs the Open Badges credential (<see cref="OpenBadgeWorkload"/>) with eddsa-rdfc-2022, writes it to
    /// <paramref name="signedPath"/> so that <c>vc-di.mjs</c> verifies the same bytes, then times its verification and
    /// writes the timings to standard output.
    /// </summary>
    /// <param name="iterations">Timed iterations per operation.</param>
    /// <param name="signedPath">Where to write the signed credential.</param>
    public static async Task RunDataIntegrityAsync(int iterations, string signedPath)
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var signed = (await OpenBadgeWorkload.SignAsync(issuerKey, Cryptosuite.EddsaRdfc2022)).ToJsonString();
        await File.WriteAllTextAsync(signedPath, signed);

        var dataIntegrity = OpenBadgeWorkload.DataIntegrityVerifier();
        var credentials = OpenBadgeWorkload.CredentialVerifier();
        var element = JsonElement.Parse(Encoding.UTF8.GetBytes(signed));
        if (!(await dataIntegrity.VerifyAsync(element, ProofRequirement.AssertionMethod)).IsValid || !(await credentials.VerifyAsync(signed)).IsValid)
        {
            throw new InvalidOperationException("The .NET Data Integrity credential did not verify.");
        }

        // The floor: what eddsa-rdfc-2022 verifies in the end, one Ed25519 signature over 64 bytes of hashes.
        var message = new byte[64];
        Random.Shared.NextBytes(message);
        var signature = issuerKey.Sign(message);
        var publicKey = issuerKey.GetVerificationKey();

        var rawVerify = Time(iterations, () => publicKey.Verify(JwsAlgorithm.EdDsa, message, signature));
        var proof = await TimeAsync(iterations, async () => await dataIntegrity.VerifyAsync(element, ProofRequirement.AssertionMethod));
        var credential = await TimeAsync(iterations, async () => await credentials.VerifyAsync(signed));

        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"implementation":"Credentials (.NET {{Environment.Version}})","rawVerifyMicroseconds":{{rawVerify}},"proofVerifyMicroseconds":{{proof}},"verifyMicroseconds":{{credential}}}""");
        Console.WriteLine(json);
    }

    private static double Time(int iterations, Action operation)
    {
        // Warm up for three seconds, so the tiered JIT has produced its optimised code before timing (as V8 has on the Node side).
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < WarmUp;)
        {
            operation();
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            operation();
        }

        return watch.Elapsed.TotalMicroseconds / iterations;
    }

    private static async Task<double> TimeAsync(int iterations, Func<Task> operation)
    {
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < WarmUp;)
        {
            await operation();
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            await operation();
        }

        return watch.Elapsed.TotalMicroseconds / iterations;
    }
}
