using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.Wallet;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary><c>holder keys create|import|export|list</c>: the holder keys credentials are bound to.</summary>
internal static class KeysCommand
{
    public static Command Create(CliHost host)
    {
        var keys = new Command("keys");
        keys.Subcommands.Add(CreateKey(host));
        keys.Subcommands.Add(ImportKey(host));
        keys.Subcommands.Add(ExportKey(host));
        keys.Subcommands.Add(ListKeys(host));
        return keys;
    }

    private static Command CreateKey(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var alg = new Option<string>("--alg")
        {
            DefaultValueFactory = _ => "ES256",
        };
        var command = new Command("create") { wallet, alg };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var algorithm = JwkFile.ParseAlgorithm(context.GetValue(alg));
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
            var key = WalletAccess.Check(await store.CreateHolderKeyAsync(algorithm, cancellationToken), path);
            return context.Result(ToJson(key), console =>
            {
                console.WriteLine(Markup.Escape(context.Language.Pick("鍵を作成しました: ", "Created holder key: ")), $"{key.Id} ({key.Algorithm.Name})");
                console.WriteLine("[grey]" + Markup.Escape(context.Language.Pick("公開鍵を発行者に渡すには: ", "To give the issuer the public key: ")) + "[/]", $"holder keys export --public --out holder.pub.jwk --wallet {path}");
            });
        });
        return command;
    }

    private static Command ImportKey(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var jwk = new Option<string>("--jwk") { Required = true };
        var command = new Command("import") { wallet, jwk };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var file = context.GetValue(jwk)!;
            var privateJwk = JwkFile.Read(file, "private key");
            if (!privateJwk.HasPrivateKey)
            {
                throw new CliException(CliErrors.PrivateKeyRequired(file));
            }

            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenForWriteAsync(context, path, cancellationToken);
            var imported = await store.ImportHolderKeyAsync(privateJwk, cancellationToken);
            if (!imported.IsValid && imported.Error.Code.IsInFamily("key"))
            {
                throw new CliException(CliErrors.MalformedJwk(file, imported.Error.Message));
            }

            var key = WalletAccess.Check(imported, path);
            return context.Result(ToJson(key), console =>
                console.WriteLine(Markup.Escape(context.Language.Pick("鍵を取り込みました: ", "Imported holder key: ")), $"{key.Id} ({key.Algorithm.Name})"));
        });
        return command;
    }

    private static Command ExportKey(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var isPublic = new Option<bool>("--public");
        var keyId = new Option<string?>("--key");
        var output = new Option<string>("--out", "-o") { Required = true };
        var force = HolderOptions.Force();
        var command = new Command("export") { wallet, isPublic, keyId, output, force };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            if (!context.GetValue(isPublic))
            {
                throw new CliException(CliErrors.InvalidOption("--public", "only public keys can be exported; the holder app never writes a private key.", "Add --public."));
            }

            var path = context.GetValue(wallet)!;
            var outPath = context.GetValue(output)!;
            if (outPath != "-")
            {
                CliFiles.EnsureWritable(outPath, context.GetValue(force));
            }

            using var store = await WalletAccess.OpenReadOnlyAsync(context, path, cancellationToken);
            HolderKeyInfo key;
            if (context.GetValue(keyId) is { } id)
            {
                key = WalletAccess.Check(await store.GetHolderKeyAsync(id, cancellationToken), path);
            }
            else
            {
                var all = WalletAccess.Check(await store.ListHolderKeysAsync(cancellationToken), path);
                key = all.OrderByDescending(k => k.CreatedAt).FirstOrDefault()
                    ?? throw new CliException(new CliError(WalletAccess.NoHolderKeyCode, "The wallet has no holder key.", $"Create one with 'holder keys create --wallet {path}'."));
            }

            var publicJwk = key.PublicJwk.ToPublic();
            if (outPath == "-" && context.Json)
            {
                var json = ToJson(key);
                return context.Result(json, _ => { });
            }

            JwkFile.WritePublic(outPath, publicJwk, context.GetValue(force));
            var result = ToJson(key);
            result["out"] = outPath;
            return context.Result(result, console =>
            {
                if (outPath != "-")
                {
                    console.WriteLine(Markup.Escape(context.Language.Pick($"公開鍵を書き出しました ({key.Id}): ", $"Wrote the public key ({key.Id}): ")), outPath);
                }
            });
        });
        return command;
    }

    private static Command ListKeys(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var command = new Command("list") { wallet };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.OpenReadOnlyAsync(context, path, cancellationToken);
            var all = WalletAccess.Check(await store.ListHolderKeysAsync(cancellationToken), path);
            var array = new JsonArray();
            foreach (var key in all)
            {
                array.Add(ToJson(key));
            }

            return context.Result(new JsonObject { ["keys"] = array }, console =>
            {
                var language = context.Language;
                var table = new Table().AddColumns(language.Pick("ID", "ID"), language.Pick("アルゴリズム", "Algorithm"), language.Pick("サムプリント (RFC 7638)", "Thumbprint (RFC 7638)"), language.Pick("作成日時", "Created"));
                foreach (var key in all)
                {
                    table.AddPlainRow(key.Id, key.Algorithm.Name, key.Thumbprint, key.CreatedAt.ToString("u"));
                }

                console.Write(table);
            });
        });
        return command;
    }

    private static JsonObject ToJson(HolderKeyInfo key) => new()
    {
        ["id"] = key.Id,
        ["alg"] = key.Algorithm.Name,
        ["thumbprint"] = key.Thumbprint,
        ["createdAt"] = key.CreatedAt.ToString("O"),
        ["publicJwk"] = JsonNode.Parse(key.PublicJwk.ToPublic().ToJson()),
    };
}
