using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

internal static class KeysCommand
{
    public static Command Create(CliHost host)
    {
        var alg = new Option<string>("--alg") { DefaultValueFactory = _ => "ES256" };
        alg.AcceptOnlyFromAmong("EdDSA", "ES256", "ES384");
        var output = new Option<string?>("--out");
        var publicOut = new Option<string?>("--public-out");
        var force = new Option<bool>("--force");
        var certOut = new Option<string?>("--cert-out");
        var certIssuer = new Option<string?>("--issuer");
        var pkcs11 = new Option<string?>("--pkcs11");
        var caCert = new Option<string?>("--ca-cert");
        var caKey = new Option<string?>("--ca-key");
        var certDays = new Option<int>("--cert-days") { DefaultValueFactory = _ => IssuerCertificates.DefaultValidityDays };
        var create = new Command("create") { alg, output, publicOut, force, certOut, certIssuer, pkcs11, caCert, caKey, certDays };
        create.Validators.Add(result =>
        {
            var wantsCert = result.GetValue(certOut) is not null;
            if ((result.GetValue(output) is null) == (result.GetValue(pkcs11) is null))
            {
                result.AddError("Give either --out (a key file) or --pkcs11 (a key inside a token).");
            }
            else if (result.GetValue(pkcs11) is not null && result.GetValue(publicOut) is null)
            {
                result.AddError("--pkcs11 needs --public-out: the private key stays in the token, the public JWK is written there.");
            }
            else if (result.GetValue(pkcs11) is not null && wantsCert)
            {
                result.AddError("--cert-out goes with a key file (--out): the sample certifies a software key.");
            }
            else if (wantsCert && result.GetValue(certIssuer) is null)
            {
                result.AddError("--cert-out needs --issuer (the https URL the certificate names).");
            }
            else if (!wantsCert && result.GetValue(certIssuer) is not null)
            {
                result.AddError("--issuer goes with --cert-out.");
            }
            else if (wantsCert && result.GetValue(alg) == "EdDSA")
            {
                result.AddError("--cert-out makes an ECDSA certificate: use --alg ES256 or ES384.");
            }
            else if ((result.GetValue(caCert) is null) != (result.GetValue(caKey) is null))
            {
                result.AddError("--ca-cert and --ca-key go together: your CA's certificate and its private key.");
            }
            else if (!wantsCert && (result.GetValue(caCert) is not null || result.GetResult(certDays) is { Implicit: false }))
            {
                result.AddError("--ca-cert, --ca-key and --cert-days go with --cert-out.");
            }
            else if (result.GetResult(certDays) is { Implicit: false } && result.GetValue(certDays) is < 1 or > 3650)
            {
                result.AddError("--cert-days is a number of days from 1 to 3650.");
            }
        });
        create.SetCliAction(host, (ctx, ct) =>
        {
            var algorithm = JwkFile.ParseAlgorithm(ctx.GetValue(alg));
            if (ctx.GetValue(pkcs11) is { } tokenUri)
            {
                return Task.FromResult(TokenKeys.Create(ctx, algorithm, tokenUri, ctx.GetValue(publicOut)!, ctx.GetValue(force)));
            }

            var path = ctx.GetValue(output)!;
            var publicPath = ctx.GetValue(publicOut);
            var overwrite = ctx.GetValue(force);
            CliFiles.EnsureWritable(path, overwrite);
            if (publicPath is not null)
            {
                CliFiles.EnsureWritable(publicPath, overwrite);
            }

            var certPath = ctx.GetValue(certOut);
            var certificateIssuer = ctx.GetValue(certIssuer);
            Uri? issuerUri = null;
            if (certPath is not null)
            {
                CliFiles.EnsureWritable(certPath, overwrite);
                if (!Uri.TryCreate(certificateIssuer, UriKind.Absolute, out issuerUri) || issuerUri.Scheme != Uri.UriSchemeHttps)
                {
                    throw new CliException(CliErrors.InvalidOption("--issuer", $"'{certificateIssuer}' is not an https URL.", "The certificate names the issuer's https URL (SAN URI and DNS name)."));
                }
            }

            // The issuer's own CA, checked before anything is written: a certificate that is not a CA, or a key that is
            // not the CA certificate's, is refused with nothing written.
            var days = ctx.GetValue(certDays);
            using var ca = ctx.GetValue(caCert) is { } caPath ? IssuerCa.Load(caPath, ctx.GetValue(caKey)!) : null;
            var now = ctx.Host.TimeProvider.GetUtcNow();
            if (ca is not null && (ca.Certificate.NotBefore.ToUniversalTime() > now.UtcDateTime || ca.Certificate.NotAfter.ToUniversalTime() < now.AddDays(days).UtcDateTime))
            {
                throw new CliException(CliErrors.InvalidOption("--cert-days", $"the CA certificate is valid from {ca.Certificate.NotBefore.ToUniversalTime():O} to {ca.Certificate.NotAfter.ToUniversalTime():O}, and the issuer certificate would be valid for {days} days from now.", "Choose fewer --cert-days, or renew the CA certificate."));
            }

            using var key = SigningKey.Create(algorithm);
            var thumbprint = key.PublicJwk.ComputeThumbprint();
            var jwk = key.ExportPrivateJwk() with { Kid = thumbprint, Alg = algorithm.Name };

            // Made (and its chain checked) before anything is written: a broken --ca-cert chain leaves no key file.
            var chainPem = certPath is null ? null : IssuerCertificates.CreateChainPem(jwk, issuerUri!, now, days, ca);
            JwkFile.WritePrivate(path, jwk, overwrite);
            if (publicPath is not null)
            {
                JwkFile.WritePublic(publicPath, jwk, overwrite);
            }

            if (certPath is not null)
            {
                CliFiles.WriteAllText(certPath, chainPem!, overwrite, ctx.Host.Output);
            }

            var json = new JsonObject
            {
                ["out"] = path,
                ["publicOut"] = publicPath,
                ["alg"] = algorithm.Name,
                ["kid"] = thumbprint,
                ["publicJwk"] = JsonNode.Parse(jwk.ToPublic().ToJson()),
                ["certOut"] = certPath,
                ["certificateAuthority"] = certPath is null ? null : ca is null ? "sample-root" : ca.Certificate.Subject,
                ["certificateNotAfter"] = certPath is null ? null : now.AddDays(days).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            return Task.FromResult(ctx.Result(json, console =>
            {
                console.WriteLine(ctx.Language.Pick("[green]鍵を作成しました[/]", "[green]Key created[/]") + $" ({algorithm.Name}): ", path);
                if (publicPath is not null)
                {
                    console.WriteLine(ctx.Language.Pick("公開鍵: ", "public key: "), publicPath);
                }

                console.WriteLine("kid: ", thumbprint);
                if (certPath is not null)
                {
                    console.WriteLine(ca is null
                        ? ctx.Language.Pick("証明書チェーン（発行者証明書、サンプルルートCA）: ", "certificate chain (issuer certificate, sample root CA): ")
                        : ctx.Language.Pick("証明書チェーン（発行者証明書、自組織のCA）: ", "certificate chain (issuer certificate, your CA): "), certPath);
                }
            }));
        });

        return new Command("keys") { create, RotateCommand.Create(host) };
    }
}
