using System;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer iaca create</c> and <c>issuer iaca sign</c>: the X.509 certificates an mdoc issuer needs (ISO/IEC
/// 18013-5 Annex B), an IACA root and document signer certificates under it.
/// </summary>
internal static class IacaCommand
{
    public static Command Create(CliHost host) => new("iaca") { CreateRoot(host), Sign(host) };

    private static Command CreateRoot(CliHost host)
    {
        var outKey = new Option<string>("--out-key") { Required = true };
        var outCert = new Option<string>("--out-cert") { Required = true };
        var country = new Option<string>("--country") { DefaultValueFactory = _ => "JP" };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "Sample IACA" };
        var uri = new Option<string>("--uri") { DefaultValueFactory = _ => "https://issuer.example.jp" };
        var force = new Option<bool>("--force");
        var command = new Command("create") { outKey, outCert, country, name, uri, force };
        command.SetCliAction(host, (ctx, ct) =>
        {
            var keyPath = ctx.GetValue(outKey)!;
            var certPath = ctx.GetValue(outCert)!;
            var overwrite = ctx.GetValue(force);
            var countryCode = ctx.GetValue(country)!;
            if (countryCode.Length != 2 || !char.IsAsciiLetter(countryCode[0]) || !char.IsAsciiLetter(countryCode[1]))
            {
                throw new CliException(CliErrors.InvalidOption("--country", $"'{countryCode}' is not an ISO 3166-1 alpha-2 code.", "Use two letters, for example JP."));
            }

            if (!Uri.TryCreate(ctx.GetValue(uri), UriKind.Absolute, out var issuerUri))
            {
                throw new CliException(CliErrors.InvalidOption("--uri", "The issuer URI must be absolute.", "For example https://issuer.example.jp."));
            }

            var commonName = ctx.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(commonName))
            {
                throw new CliException(CliErrors.InvalidOption("--name", "The name is empty."));
            }

            CliFiles.EnsureWritable(keyPath, overwrite);
            CliFiles.EnsureWritable(certPath, overwrite);

            // The same private key file as 'issuer keys create' writes (kid = JWK thumbprint, alg).
            using var key = SigningKey.Create(JwsAlgorithm.Es256);
            var thumbprint = key.PublicJwk.ComputeThumbprint();
            var jwk = key.ExportPrivateJwk() with { Kid = thumbprint, Alg = JwsAlgorithm.Es256.Name };
            using var certificate = MdocCertificates.CreateIaca(key, new IacaCertificateOptions
            {
                CommonName = commonName,
                Country = countryCode.ToUpperInvariant(),
                IssuerUri = issuerUri,
                TimeProvider = ctx.Host.TimeProvider,
            });
            JwkFile.WritePrivate(keyPath, jwk, overwrite);
            CliFiles.WriteAllText(certPath, MdocCertificates.ExportPem(certificate), overwrite);

            var json = Describe(certificate);
            json["outKey"] = keyPath;
            json["outCert"] = certPath;
            json["kid"] = thumbprint;
            return Task.FromResult(ctx.Result(json, console =>
            {
                console.WriteLine(ctx.Language.Pick("[green]IACA ルート証明書を作成しました[/]: ", "[green]IACA root certificate created[/]: "), certPath);
                console.WriteLine(ctx.Language.Pick("秘密鍵: ", "private key: "), keyPath);
                WriteDetails(ctx, console, certificate);
            }));
        });
        return command;
    }

    private static Command Sign(CliHost host)
    {
        var iacaKey = new Option<string>("--iaca-key") { Required = true };
        var iacaCert = new Option<string>("--iaca-cert") { Required = true };
        var key = new Option<string>("--key") { Required = true };
        var output = new Option<string>("--out") { Required = true };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "Sample Document Signer" };
        var force = new Option<bool>("--force");
        var command = new Command("sign") { iacaKey, iacaCert, key, output, name, force };
        command.SetCliAction(host, (ctx, ct) =>
        {
            var outPath = ctx.GetValue(output)!;
            var overwrite = ctx.GetValue(force);
            var commonName = ctx.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(commonName))
            {
                throw new CliException(CliErrors.InvalidOption("--name", "The name is empty."));
            }

            CliFiles.EnsureWritable(outPath, overwrite);
            var iacaKeyPath = ctx.GetValue(iacaKey)!;
            using var signingKey = JwkFile.ReadSigningKey(iacaKeyPath);
            var iacaCertPath = ctx.GetValue(iacaCert)!;
            using var iaca = ReadCertificate(iacaCertPath);
            var keyPath = ctx.GetValue(key)!;

            // A private JWK is accepted too: only its public part goes into the certificate.
            var dsKey = Credentials.Pkcs11.Pkcs11Uri.IsPkcs11Uri(keyPath) ? IssuerIdentity.Load(keyPath, null).PublicJwk with { Kid = null } : JwkFile.Read(keyPath, "document signer key").ToPublic();
            X509Certificate2 certificate;
            try
            {
                certificate = MdocCertificates.CreateDocumentSigner(signingKey, iaca, dsKey, new DocumentSignerCertificateOptions
                {
                    CommonName = commonName,
                    TimeProvider = ctx.Host.TimeProvider,
                });
            }
            catch (ArgumentException ex) when (ex.ParamName == "iacaKey")
            {
                throw new CliException(new CliError(IacaErrors.IacaKeyMismatch, $"'{iacaKeyPath}' is not the key of the certificate '{iacaCertPath}' (or is not a P-256/P-384 key).", "Pass the key file written by 'issuer iaca create' together with its certificate."), ex);
            }
            catch (ArgumentException ex) when (ex.ParamName == "iacaCertificate")
            {
                throw new CliException(new CliError(IacaErrors.NotAnIaca, $"'{iacaCertPath}' is not an IACA certificate: {CliErrors.Reason(ex)}", "Pass the certificate written by 'issuer iaca create'."), ex);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(CliErrors.MalformedJwk(keyPath, CliErrors.Reason(ex)), ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException(new CliError(IacaErrors.IacaNotValid, $"The IACA certificate '{iacaCertPath}' is not valid now (valid from {Iso(iaca.NotBefore)} to {Iso(iaca.NotAfter)}).", "Create a new IACA with 'issuer iaca create'."), ex);
            }

            using (certificate)
            {
                CliFiles.WriteAllText(outPath, MdocCertificates.ExportPem(certificate), overwrite);

                // What a verifier trusting this IACA will conclude (ISO/IEC 18013-5 Annex B checks).
                var check = new MdocCertificateValidator([iaca], options: new MdocCertificateValidatorOptions { TimeProvider = ctx.Host.TimeProvider, MaxCacheEntries = 0 })
                    .Validate([certificate]);
                if (!check.IsValid)
                {
                    ctx.Warn($"{check.Error.Code}: {check.Error.Message}");
                }

                var json = Describe(certificate);
                json["out"] = outPath;
                json["issuer"] = iaca.Subject;
                json["validatesAgainstIaca"] = check.IsValid;
                return Task.FromResult(ctx.Result(json, console =>
                {
                    console.WriteLine(ctx.Language.Pick("[green]ドキュメント署名者 (DS) 証明書を作成しました[/]: ", "[green]Document signer certificate created[/]: "), outPath);
                    console.WriteLine(ctx.Language.Pick("発行元 (IACA): ", "issuer (IACA): "), iaca.Subject);
                    WriteDetails(ctx, console, certificate);
                }));
            }
        });
        return command;
    }

    private static X509Certificate2 ReadCertificate(string path)
    {
        var text = CliFiles.ReadAllText(path, "IACA certificate");
        try
        {
            return MdocCertificates.ParsePem(text);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new CliException(new CliError(IacaErrors.InvalidCertificate, $"'{path}' holds no PEM certificate: {CliErrors.Reason(ex)}", "Pass the PEM file written by 'issuer iaca create'."), ex);
        }
    }

    private static JsonObject Describe(X509Certificate2 certificate) => new()
    {
        ["subject"] = certificate.Subject,
        ["notBefore"] = Iso(certificate.NotBefore),
        ["notAfter"] = Iso(certificate.NotAfter),
        ["serialNumber"] = certificate.SerialNumber,
        ["sha256"] = certificate.GetCertHashString(HashAlgorithmName.SHA256),
    };

    private static void WriteDetails(CliContext ctx, IAnsiConsole console, X509Certificate2 certificate)
    {
        console.WriteLine(ctx.Language.Pick("主体: ", "subject: "), certificate.Subject);
        console.WriteLine(ctx.Language.Pick("有効期間: ", "valid: "), $"{Iso(certificate.NotBefore)} – {Iso(certificate.NotAfter)}");
        console.WriteLine("SHA-256: ", certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }

    private static string Iso(DateTime local) => new DateTimeOffset(local).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
