using System;
using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Credentials.OpenId4Vp;
using Credentials.Samples.Common;

namespace Credentials.Samples.Verifier;

/// <summary>
/// <c>verifier cert create</c>: a verifier identity for the <c>x509_san_dns</c> and <c>x509_hash</c> Client Identifier
/// Prefixes (OpenID4VP 1.0 section 5.9.3): a sample root (the wallet trusts it with <c>holder respond --trust</c>), a
/// request signing key, and a leaf certificate for that key with the DNS name as a subject alternative name.
/// </summary>
internal static class CertCommand
{
    public static Command Create(CliHost host) => new("cert") { CreateLeaf(host) };

    private static Command CreateLeaf(CliHost host)
    {
        var dns = new Option<string>("--dns") { DefaultValueFactory = _ => "localhost" };
        var outKey = new Option<string>("--out-key") { Required = true };
        var outChain = new Option<string>("--out-chain") { Required = true };
        var outRoot = new Option<string>("--out-root") { Required = true };
        var days = new Option<int>("--days") { DefaultValueFactory = _ => 90 };
        var force = new Option<bool>("--force");
        var command = new Command("create") { dns, outKey, outChain, outRoot, days, force };
        command.SetCliAction(host, (ctx, ct) =>
        {
            var name = ctx.GetValue(dns)!;
            if (Uri.CheckHostName(name) != UriHostNameType.Dns)
            {
                throw new CliException(CliErrors.InvalidOption("--dns", $"'{name}' is not a DNS name.", "For example --dns shop.example or --dns localhost."));
            }

            var validity = ctx.GetValue(days);
            if (validity is < 1 or > 825)
            {
                throw new CliException(CliErrors.InvalidOption("--days", "The validity must be 1 to 825 days."));
            }

            var (keyPath, chainPath, rootPath, overwrite) = (ctx.GetValue(outKey)!, ctx.GetValue(outChain)!, ctx.GetValue(outRoot)!, ctx.GetValue(force));
            CliFiles.EnsureWritable(keyPath, overwrite);
            CliFiles.EnsureWritable(chainPath, overwrite);
            CliFiles.EnsureWritable(rootPath, overwrite);

            // The root's private key is not kept: a sample CA that signs this one leaf.
            using var rootKey = SigningKey.Create(JwsAlgorithm.Es256);
            using var root = VerifierCertificates.CreateRoot(rootKey, "Sample Verifier Root", TimeSpan.FromDays(validity + 1), ctx.Host.TimeProvider);
            using var key = SigningKey.Create(JwsAlgorithm.Es256);
            using var leaf = VerifierCertificates.CreateLeaf(rootKey, root, key, name, TimeSpan.FromDays(validity), ctx.Host.TimeProvider);
            JwkFile.WritePrivate(keyPath, key.ExportPrivateJwk() with { Kid = key.PublicJwk.ComputeThumbprint(), Alg = JwsAlgorithm.Es256.Name }, overwrite);
            CliFiles.WriteAllText(chainPath, MdocCertificates.ExportPem(leaf), overwrite);
            CliFiles.WriteAllText(rootPath, MdocCertificates.ExportPem(root), overwrite);

            var json = new System.Text.Json.Nodes.JsonObject
            {
                ["dns"] = name,
                ["x509SanDns"] = ClientIdentifier.ForX509SanDns(name).Value,
                ["x509Hash"] = ClientIdentifier.ForX509Hash(leaf).Value,
                ["outKey"] = keyPath,
                ["outChain"] = chainPath,
                ["outRoot"] = rootPath,
                ["notAfter"] = leaf.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            return Task.FromResult(ctx.Result(json, console =>
            {
                console.WriteLine(ctx.Language.Pick("[green]検証者の証明書を作成しました[/]: ", "[green]Verifier certificate created[/]: "), chainPath);
                console.WriteLine("client_id: ", ClientIdentifier.ForX509SanDns(name).Value);
                console.WriteLine("client_id: ", ClientIdentifier.ForX509Hash(leaf).Value);
                console.WriteLine(ctx.Language.Pick("署名鍵: ", "signing key: "), keyPath);
                console.WriteLine(ctx.Language.Pick("ルート証明書 (ウォレットが --trust で信頼): ", "root certificate (the wallet trusts it with --trust): "), rootPath);
            }));
        });
        return command;
    }

    /// <summary>Reads the request signing key: a private JWK file or a PEM EC private key (PKCS#8 or SEC1).</summary>
    public static SigningKey ReadKey(string path)
    {
        var text = CliFiles.ReadAllText(path, "verifier key");
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return JwkFile.ReadSigningKey(path);
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(text);
            var p = ecdsa.ExportParameters(includePrivateParameters: true);
            var (crv, alg) = p.Curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" => ("P-256", JwsAlgorithm.Es256),
                "nistP384" or "ECDSA_P384" => ("P-384", JwsAlgorithm.Es384),
                _ => throw new CliException(CliErrors.MalformedJwk(path, "the PEM key is not on P-256 or P-384")),
            };
            return SigningKey.FromJwk(new Jwk { Kty = "EC", Crv = crv, X = Base64Url(p.Q.X!), Y = Base64Url(p.Q.Y!), D = Base64Url(p.D!) }, alg);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CliException(CliErrors.MalformedJwk(path, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>Reads the certificate chain (PEM, leaf first).</summary>
    public static System.Collections.Generic.IReadOnlyList<X509Certificate2> ReadChain(string path)
    {
        var text = CliFiles.ReadAllText(path, "certificate chain");
        try
        {
            return MdocCertificates.ParsePemBundle(text);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CliException(CliErrors.InvalidOption("--cert", $"'{path}' is not a PEM certificate chain: {CliErrors.Reason(ex)}", "Pass the chain written by 'verifier cert create'."), ex);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
