using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary><c>holder init --wallet FILE</c>: creates an encrypted wallet.</summary>
internal static class InitCommand
{
    public static Command Create(CliHost host)
    {
        var wallet = HolderOptions.Wallet(host);
        var weak = new Option<bool>("--weak-passphrase");
        var command = new Command("init") { wallet, weak };
        command.SetCliAction(host, async (context, cancellationToken) =>
        {
            var path = context.GetValue(wallet)!;
            using var store = await WalletAccess.CreateAsync(context, path, context.GetValue(weak), cancellationToken);
            var info = store.Info;
            return context.Result(
                new JsonObject
                {
                    ["wallet"] = path,
                    ["protection"] = info.Protection.ToString(),
                    ["kdf"] = info.KdfParameters?.ToString(),
                },
                console =>
                {
                    console.WriteLine(Markup.Escape(context.Language.Pick("ウォレットを作成しました: ", "Created the wallet: ")), path);
                    console.WriteLine("[grey]" + Markup.Escape(context.Language.Pick("次は鍵を作成します: ", "Next, create a holder key: ")) + "[/]", $"holder keys create --wallet {path}");
                });
        });
        return command;
    }
}
