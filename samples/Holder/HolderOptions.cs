using System.CommandLine;

namespace Credentials.Samples.Holder;

/// <summary>Options that several holder commands share (a new instance per command).</summary>
internal static class HolderOptions
{
    public static Option<string> Wallet(CliHost host) => new("--wallet", "-w")
    {
        Description = $"The wallet file (default: ${HolderApp.WalletVariable}, else wallet.db). The passphrase comes from ${HolderApp.PassphraseVariable} or a prompt.",
        DefaultValueFactory = _ => host.GetEnvironmentVariable(HolderApp.WalletVariable) is { Length: > 0 } path ? path : "wallet.db",
    };

    public static Option<string?> Language() => new Option<string?>("--lang")
    {
        Description = "The language of names and labels: ja or en (default: the system language).",
    }.AcceptOnlyFromAmong("ja", "en");

    public static Option<bool> Force() => new("--force")
    {
        Description = "Overwrite the output file if it exists.",
    };

    public static UiLanguage ResolveLanguage(CliContext context, Option<string?> option)
        => context.GetValue(option) is { } tag ? UiLanguages.FromTag(tag) : context.Language;
}
