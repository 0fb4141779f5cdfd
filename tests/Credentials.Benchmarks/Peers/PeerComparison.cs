using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;

namespace Credentials.Benchmarks.Peers;

/// <summary>
/// The .NET half of <c>compare.sh</c>: the workload of <c>sd-jwt-js.mjs</c> timed the same way (a warm-up, then a
/// plain loop; a cross-language comparison cannot run under BenchmarkDotNet), printed as one JSON object.
/// </summary>
public static class PeerComparison
{
    private const string IssuerId = "https://issuer.credentials.example.jp";
    private const string Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    private const string Audience = "https://verifier.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Runs the comparison workload and writes the timings to standard output.</summary>
    /// <param name="iterations">Timed iterations per operation.</param>
    public static async Task RunAsync(int iterations)
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtVcIssuer(new SdJwtVcIssuerOptions { Issuer = IssuerId, DefaultValidity = TimeSpan.FromDays(365) }, issuerKey);
        var holder = new SdJwtHolder();
        using var trust = new TrustList([new TrustedIssuer { Issuer = IssuerId, Keys = [issuerKey.PublicJwk], CredentialTypes = [Vct] }]);
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions(), trust);
        var policy = new SdJwtVcPolicy
        {
            KeyBinding = KeyBindingRequirement.Required(Audience, Nonce),
            AcceptedVcts = [Vct],
            IssuerAuthorization = trust,
            Status = StatusCheck.Skip,
            TypeMetadata = TypeMetadataCheck.Skip,
        };
        var selection = new List<ClaimPath> { ClaimPath.Of("given_name"), ClaimPath.Of("age_over_20"), ClaimPath.Of("pass_date") };
        var keyBinding = new KeyBindingInput(Audience, Nonce);

        SdJwtVcIssuance Issuance() => new()
        {
            Vct = Vct,
            HolderKey = holderKey.PublicJwk,
            Claims = SdJwtPayload.Create()
                .Disclosable("given_name", "結衣")
                .Disclosable("family_name", "高橋")
                .Disclosable("birthdate", "2003-11-08")
                .Disclosable("age_over_18", true)
                .Disclosable("age_over_20", true)
                .Disclosable("pass_date", "2026-06-15")
                .Disclosable("certificate_number", "2026-05-01234")
                .Disclosable("exam_category", "FE")
                .Disclosable("exam_session", "2026-05")
                .Disclosable("issuing_country", "JP"),
        };

        var credential = await issuer.IssueAsync(Issuance());

        // The stored form, as a wallet keeps it: each presentation starts from text, like sd-jwt-js's present().
        var stored = credential.Serialize();
        var presentation = (await holder.PresentAsync(SdJwt.SdJwt.Parse(stored).Value, selection, keyBinding, holderKey)).Value.Serialize();
        var check = await verifier.VerifyAsync(presentation, policy);
        if (!check.IsValid || check.Credential!.Claims.TryGetProperty("family_name", out _))
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
        var present = await TimeAsync(iterations, async () => await holder.PresentAsync(SdJwt.SdJwt.Parse(stored).Value, selection, keyBinding, holderKey));
        var verify = await TimeAsync(iterations, async () => await verifier.VerifyAsync(presentation, policy));

        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"implementation":"Credentials (.NET {{Environment.Version}})","rawSignMicroseconds":{{rawSign}},"rawVerifyMicroseconds":{{rawVerify}},"issueMicroseconds":{{issue}},"presentMicroseconds":{{present}},"verifyMicroseconds":{{verify}}}""");
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
