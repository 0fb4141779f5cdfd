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
        var pkcs11 = new Option<string?>("--pkcs11");
        var create = new Command("create") { alg, output, publicOut, force, pkcs11 };
        create.Validators.Add(result =>
        {
            if ((result.GetValue(output) is null) == (result.GetValue(pkcs11) is null))
            {
                result.AddError("Give either --out (a key file) or --pkcs11 (a key inside a token).");
            }
            else if (result.GetValue(pkcs11) is not null && result.GetValue(publicOut) is null)
            {
                result.AddError("--pkcs11 needs --public-out: the private key stays in the token, the public JWK is written there.");
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

            using var key = SigningKey.Create(algorithm);
            var thumbprint = key.PublicJwk.ComputeThumbprint();
            var jwk = key.ExportPrivateJwk() with { Kid = thumbprint, Alg = algorithm.Name };
            JwkFile.WritePrivate(path, jwk, overwrite);
            if (publicPath is not null)
            {
                JwkFile.WritePublic(publicPath, jwk, overwrite);
            }

            var json = new JsonObject
            {
                ["out"] = path,
                ["publicOut"] = publicPath,
                ["alg"] = algorithm.Name,
                ["kid"] = thumbprint,
                ["publicJwk"] = JsonNode.Parse(jwk.ToPublic().ToJson()),
            };
            return Task.FromResult(ctx.Result(json, console =>
            {
                console.WriteLine(ctx.Language.Pick("[green]鍵を作成しました[/]", "[green]Key created[/]") + $" ({algorithm.Name}): ", path);
                if (publicPath is not null)
                {
                    console.WriteLine(ctx.Language.Pick("公開鍵: ", "public key: "), publicPath);
                }

                console.WriteLine("kid: ", thumbprint);
            }));
        });

        return new Command("keys") { create };
    }
}
