using System;
using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Samples.Common;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer sign</c>: secures an unsigned W3C Verifiable Credential 2.0 as a <c>vc+jwt</c> (VC-JOSE-COSE) or with an
/// embedded Data Integrity proof. Without <c>--verification-method</c> the key's did:key is the issuer and its
/// verification method signs.
/// </summary>
internal static class SignCommand
{
    /// <summary>The <c>--suite</c> value for a compact JWS of type <c>vc+jwt</c>.</summary>
    public const string VcJwt = "vc-jwt";

    private static readonly string[] s_suites = [VcJwt, .. Cryptosuite.All.Select(s => s.Name)];

    public static Command Create(CliHost host)
    {
        var key = new Option<string>("--key") { Required = true };
        var input = new Option<string>("--input") { Required = true };
        var suite = new Option<string>("--suite") { Required = true };
        suite.AcceptOnlyFromAmong(s_suites);
        var verificationMethod = new Option<string?>("--verification-method");
        var output = new Option<string>("--out") { Required = true };
        var force = new Option<bool>("--force");
        var command = new Command("sign") { key, input, suite, verificationMethod, output, force };
        command.SetCliAction(host, async (ctx, ct) =>
        {
            var keyPath = ctx.GetValue(key)!;
            var inputPath = ctx.GetValue(input)!;
            var suiteName = ctx.GetValue(suite)!;
            var outPath = ctx.GetValue(output)!;
            var overwrite = ctx.GetValue(force);
            if (outPath != "-")
            {
                CliFiles.EnsureWritable(outPath, overwrite);
            }

            // A JWK file or a pkcs11: URI (the key stays inside the token; both suites only need its signatures).
            var identity = IssuerIdentity.Load(keyPath, null);
            var publicJwk = identity.PublicJwk with { Kid = null };
            var algorithm = identity.Algorithm;
            var cryptosuite = suiteName == VcJwt ? null : Cryptosuite.TryGet(suiteName, out var found) ? found : null;
            EnsureKeyFitsSuite(algorithm, publicJwk.Crv, suiteName, cryptosuite, keyPath);

            var document = CliJson.ReadObjectFile(inputPath, "credential");
            if (document.ContainsKey("proof"))
            {
                throw new CliException(new CliError(
                    IssuerErrors.AlreadySecured,
                    $"'{inputPath}' already has a proof; sign takes an unsigned credential.",
                    "Remove the 'proof' member (or start from the unsigned credential) and sign again."));
            }

            var (method, methodDid) = VerificationMethodOf(publicJwk, ctx.GetValue(verificationMethod), keyPath);

            // Without an issuer, the credential is issued by the DID whose key signs it.
            if (!document.ContainsKey("issuer"))
            {
                document.Insert(Math.Min(IndexAfterType(document), document.Count), "issuer", methodDid.Value);
            }

            var text = document.ToJsonString();
            var credential = ReadCredential(text, inputPath);

            // VCDM 2.0 section 4.7 and VC Data Integrity section 2.1: verifiers accept a proof only from a key of the
            // credential's issuer, so anything else would be refused by every verifier.
            if (!string.Equals(credential.Issuer.Id, methodDid.Value, StringComparison.Ordinal))
            {
                throw new CliException(ctx.GetValue(verificationMethod) is null
                    ? new CliError(
                        IssuerErrors.CredentialIssuerMismatch,
                        $"The credential's issuer is '{credential.Issuer.Id}', which is not the did:key of the key in '{keyPath}'; nothing was signed.",
                        "Remove 'issuer' from the input to issue as the key's did:key, or pass --verification-method with the issuer's key (for example did:web:issuer.example.jp#key-1).",
                        ExitCodes.Usage)
                    : new CliError(
                        IssuerErrors.CredentialIssuerMismatch,
                        $"--verification-method names a key of '{methodDid}', but the credential's issuer is '{credential.Issuer.Id}'; nothing was signed.",
                        "Pass a verification method of the credential's issuer, or change 'issuer' in the input.",
                        ExitCodes.Usage));
            }

            string secured;
            JsonNode result;
            try
            {
                using var signer = identity.CreateSigner(method.Value);
                if (cryptosuite is null)
                {
                    secured = await new VcJwtIssuer(signer).IssueAsync(credential, ct).ConfigureAwait(false);
                    result = JsonValue.Create(secured);
                }
                else
                {
                    var issuer = new DataIntegrityIssuer(signer, method.Value, new DataIntegrityIssuerOptions { TimeProvider = ctx.Host.TimeProvider });
                    var proofed = await issuer.AddProofAsync(document, new DataIntegrityProofOptions { Cryptosuite = cryptosuite }, ct).ConfigureAwait(false);
                    secured = proofed.ToJsonString(CliJson.OutputOptions);
                    result = proofed;
                }
            }
            catch (ArgumentException ex)
            {
                throw new CliException(new CliError(
                    IssuerErrors.CannotSecure,
                    $"The credential in '{inputPath}' cannot be secured with {suiteName}: {CliErrors.Reason(ex)}",
                    cryptosuite is { UsesJcs: false }
                        ? "The RDFC suites sign the credential's JSON-LD meaning: every member must be defined by its @context (pinned contexts such as the credentials v2 context, or an inline @context object). Define the missing terms, or use eddsa-jcs-2022, ecdsa-jcs-2019 or vc-jwt, which sign the JSON as it is."
                        : "Fix the credential (see the message), then sign again."),
                    ex);
            }

            if (outPath != "-" || !ctx.Json)
            {
                CliFiles.WriteAllText(outPath, secured, overwrite, ctx.Host.Output);
            }

            var json = new JsonObject
            {
                ["out"] = outPath,
                ["suite"] = suiteName,
                ["format"] = cryptosuite is null ? W3cSecuringMechanisms.VcJwt : W3cSecuringMechanisms.DataIntegrity(cryptosuite.Name),
                ["alg"] = algorithm.Name,
                ["issuer"] = credential.Issuer.Id,
                ["verificationMethod"] = method.Value,
                ["credential"] = result,
            };
            return ctx.Result(json, console =>
            {
                if (outPath == "-")
                {
                    return;
                }

                console.WriteLine(ctx.Language.Pick("[green]署名しました[/]", "[green]Signed[/]") + $" ({Markup.Escape(suiteName)}): ", outPath);
                var table = new Table().HideHeaders().AddColumn("k").AddColumn("v");
                table.AddPlainRow(ctx.Language.Pick("発行者", "issuer"), credential.Issuer.Id);
                table.AddPlainRow(ctx.Language.Pick("検証方法", "verification method"), method.Value);
                table.AddPlainRow(ctx.Language.Pick("アルゴリズム", "algorithm"), algorithm.Name);
                table.AddPlainRow(ctx.Language.Pick("種類", "type"), string.Join(", ", credential.Types));
                console.Write(table);
            });
        });
        return command;
    }

    // VC DI EdDSA 1.0 section 2.1.1: Ed25519 keys; VC DI ECDSA 1.0 section 2.1.1: P-256 or P-384 keys; VC-JOSE-COSE:
    // any registered JWS algorithm, here the three the sample issuer makes keys for.
    private static void EnsureKeyFitsSuite(JwsAlgorithm algorithm, string? curve, string suiteName, Cryptosuite? suite, string keyPath)
    {
        var fits = suite is null
            ? algorithm == JwsAlgorithm.Es256 || algorithm == JwsAlgorithm.Es384 || IsEd25519(algorithm, curve)
            : suiteName.StartsWith("eddsa-", StringComparison.Ordinal)
                ? IsEd25519(algorithm, curve)
                : algorithm == JwsAlgorithm.Es256 || algorithm == JwsAlgorithm.Es384;
        if (fits)
        {
            return;
        }

        var needs = suite is null ? "an ES256 (P-256), ES384 (P-384) or EdDSA (Ed25519) key"
            : suiteName.StartsWith("eddsa-", StringComparison.Ordinal) ? "an Ed25519 key (EdDSA)"
            : "a P-256 or P-384 key (ES256 or ES384)";
        var alg = suiteName.StartsWith("eddsa-", StringComparison.Ordinal) ? "EdDSA" : "ES256";
        throw new CliException(new CliError(
            IssuerErrors.KeySuiteMismatch,
            $"--suite {suiteName} signs with {needs}, and the key in '{keyPath}' is {algorithm.Name}{(curve is null ? "" : $" ({curve})")}; nothing was signed.",
            $"Create a key that fits (issuer keys create --alg {alg} --out FILE) or choose another --suite.",
            ExitCodes.Usage));
    }

    private static bool IsEd25519(JwsAlgorithm algorithm, string? curve)
        => (algorithm == JwsAlgorithm.EdDsa || algorithm == JwsAlgorithm.Ed25519) && curve == JwkCurves.Ed25519;

    /// <summary>The verification method that signs, and its DID: --verification-method, else the key's did:key.</summary>
    private static (DidUrl Method, Did Did) VerificationMethodOf(Jwk publicJwk, string? option, string keyPath)
    {
        if (option is null)
        {
            var did = DidKey.Create(publicJwk);
            return (DidKey.GetKeyId(did), did);
        }

        if (!DidUrl.TryParse(option, out var url) || url.Fragment is null)
        {
            throw new CliException(CliErrors.InvalidOption("--verification-method", $"'{option}' is not a DID URL with a fragment.", "Name the key as a DID URL, for example did:web:issuer.example.jp#key-1, or leave it out to sign as the key's did:key."));
        }

        // A did:key or did:jwk carries its key, so a method of another key is caught here rather than by every verifier.
        var published = url.Did.Method switch
        {
            "key" => DidKey.GetPublicKey(url.Did),
            "jwk" => DidJwk.GetPublicKey(url.Did),
            _ => null,
        };
        if (published is not null && (!published.IsValid || published.Value.ComputeThumbprint() != publicJwk.ComputeThumbprint()))
        {
            throw new CliException(new CliError(
                IssuerErrors.KeyMismatch,
                $"--verification-method '{option}' is not a key of the DID of the key in '{keyPath}'.",
                "Leave out --verification-method to sign as the key's did:key, or run 'issuer did --key FILE' to print the key's DID.",
                ExitCodes.Usage));
        }

        return (url, url.Did);
    }

    private static W3cCredential ReadCredential(string text, string inputPath)
    {
        const string Hint = "The input must be a W3C Verifiable Credential 2.0 (an @context starting with https://www.w3.org/ns/credentials/v2, a type with VerifiableCredential, a credentialSubject, dates with a time zone); see samples/Issuer/SampleData/ipa-exam-credential.json.";
        var read = W3cCredential.Read(text);
        if (!read.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(read.Error, $"'{inputPath}': " + Hint));
        }

        if (read.Value.ValidateForIssuance() is { } error)
        {
            throw new CliException(ClaimValues.ToCliError(error, $"'{inputPath}': " + Hint));
        }

        return read.Value;
    }

    private static int IndexAfterType(JsonObject document)
    {
        var index = 0;
        foreach (var (name, _) in document)
        {
            index++;
            if (name == "type")
            {
                return index;
            }
        }

        return document.Count;
    }
}
