using System.CommandLine;

namespace Credentials.Samples.Holder;

/// <summary>Options that several holder commands share (a new instance per command).</summary>
internal static class HolderOptions
{
    public static Option<string> Wallet(CliHost host) => new("--wallet", "-w")
    {
        DefaultValueFactory = _ => host.GetEnvironmentVariable(HolderApp.WalletVariable) is { Length: > 0 } path ? path : "wallet.db",
    };

    public static Option<string?> Language() => new Option<string?>("--lang").AcceptOnlyFromAmong("ja", "en");

    public static Option<bool> Force() => new("--force");

    public static UiLanguage ResolveLanguage(CliContext context, Option<string?> option)
        => context.GetValue(option) is { } tag ? UiLanguages.FromTag(tag) : context.Language;
}
