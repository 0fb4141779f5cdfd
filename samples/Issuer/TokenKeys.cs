using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Keys;
using Credentials.Pkcs11;

namespace Credentials.Samples.Issuer;

/// <summary><c>issuer keys create --pkcs11 URI</c>: a key pair generated inside a PKCS#11 token.</summary>
internal static class TokenKeys
{
    public static int Create(CliContext ctx, JwsAlgorithm algorithm, string text, string publicPath, bool overwrite)
    {
        var uri = IssuerIdentity.ParseUri(text);
        if (string.IsNullOrEmpty(uri.Object))
        {
            throw new CliException(CliErrors.InvalidOption("--pkcs11", "The URI must name the new key with object=LABEL.", "For example pkcs11:token=issuer;object=exam-2026?module-path=...&pin-source=file:..."));
        }

        CliFiles.EnsureWritable(publicPath, overwrite);

        // CKA_ID: the URI's id, else 16 random bytes, so that the key is found by id as well as by label.
        var id = uri.Id ?? RandomNumberGenerator.GetBytes(16);
        Pkcs11Signer signer;
        using (var token = IssuerIdentity.OpenToken(uri))
        {
            try
            {
                signer = token.GenerateKeyPair(algorithm, uri.Object, id);
            }
            catch (Pkcs11Exception e)
            {
                throw new CliException(IssuerIdentity.ToError(e));
            }
        }

        var thumbprint = signer.PublicJwk.ComputeThumbprint();
        var jwk = signer.PublicJwk with { Kid = thumbprint, Alg = algorithm.Name };
        JwkFile.WritePublic(publicPath, jwk, overwrite);

        // The key's URI keeps the module path and PIN source given, so it can be passed to --key as is.
        var keyUri = signer.Uri.ToString();
        var json = new JsonObject
        {
            ["pkcs11"] = keyUri,
            ["publicOut"] = publicPath,
            ["alg"] = algorithm.Name,
            ["kid"] = thumbprint,
            ["publicJwk"] = JsonNode.Parse(jwk.ToJson()),
        };
        return ctx.Result(json, console =>
        {
            console.WriteLine(ctx.Language.Pick("[green]トークン内に鍵を作成しました[/]", "[green]Key created inside the token[/]") + $" ({algorithm.Name}): ", keyUri);
            console.WriteLine(ctx.Language.Pick("公開鍵: ", "public key: "), publicPath);
            console.WriteLine("kid: ", thumbprint);
        });
    }
}
