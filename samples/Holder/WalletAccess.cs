using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Samples.Common;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Trust;
using Spectre.Console;

namespace Credentials.Samples.Holder;

/// <summary>Opening and creating the wallet file with the passphrase, and the holder errors.</summary>
internal static class WalletAccess
{
    public const string PassphraseRequiredCode = "holder.passphrase_required";
    public const string PassphraseMismatchCode = "holder.passphrase_mismatch";
    public const string NoHolderKeyCode = "holder.no_holder_key";

    /// <summary>Creates a new wallet file.</summary>
    public static async Task<WalletStore> CreateAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        CliFiles.EnsureWritable(path, force: false);
        var passphrase = GetPassphrase(context, confirm: true);
        var created = await WalletStore.CreateAsync(path, WalletSecret.FromPassphrase(passphrase), Options(context), cancellationToken);
        if (!created.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(created.Error, Hint(created.Error.Code, path), ExitCodeFor(created.Error.Code)));
        }

        return created.Value;
    }

    /// <summary>Opens an existing wallet file.</summary>
    public static async Task<WalletStore> OpenAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new CliException(new CliError(WalletErrors.FileNotFound.Value, $"The wallet '{path}' does not exist.", Hint(WalletErrors.FileNotFound, path)));
        }

        var passphrase = GetPassphrase(context, confirm: false);
        var opened = await WalletStore.OpenAsync(path, WalletSecret.FromPassphrase(passphrase), Options(context), cancellationToken);
        if (!opened.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(opened.Error, Hint(opened.Error.Code, path), ExitCodeFor(opened.Error.Code)));
        }

        return opened.Value;
    }

    /// <summary>The holder service over an open store; <paramref name="verifier"/> is needed only to import.</summary>
    public static CredentialWallet CreateService(CliContext context, WalletStore store, UiLanguage language, SdJwtVcVerifier? verifier = null, CredentialWalletOptions? options = null)
        => new(
            store,
            verifier ?? new SdJwtVcVerifier(new StaticIssuerKeyResolver(Array.Empty<KeyValuePair<string, Jwk>>()), options: new SdJwtVcVerifierOptions { TimeProvider = context.Host.TimeProvider }),
            (options ?? new CredentialWalletOptions()) with { Locale = language.ToLocale(), TimeProvider = context.Host.TimeProvider });

    /// <summary>Turns a failed wallet result into the error the user sees.</summary>
    public static T Check<T>(VerificationResult<T> result, string walletPath)
    {
        if (!result.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(result.Error, Hint(result.Error.Code, walletPath), ExitCodeFor(result.Error.Code)));
        }

        return result.Value;
    }

    private static WalletOptions Options(CliContext context) => new() { TimeProvider = context.Host.TimeProvider };

    private static string GetPassphrase(CliContext context, bool confirm)
    {
        if (context.Host.GetEnvironmentVariable(HolderApp.PassphraseVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (!context.Host.IsInteractive)
        {
            throw new CliException(new CliError(
                PassphraseRequiredCode,
                "The wallet passphrase is needed and there is no terminal to ask for it.",
                $"Set the environment variable {HolderApp.PassphraseVariable}."));
        }

        var console = context.Host.ErrorConsole;
        var language = context.Language;
        var passphrase = console.Prompt(new TextPrompt<string>(language.Pick("ウォレットのパスフレーズ:", "Wallet passphrase:")).Secret());
        if (confirm)
        {
            var again = console.Prompt(new TextPrompt<string>(language.Pick("もう一度入力してください:", "Repeat the passphrase:")).Secret());
            if (!string.Equals(passphrase, again, StringComparison.Ordinal))
            {
                throw new CliException(new CliError(PassphraseMismatchCode, "The two passphrases differ; the wallet was not created.", "Run the command again."));
            }
        }

        return passphrase;
    }

    /// <summary>The exit code for a wallet error: 4 when the file could not be written (busy, I/O, disk full), else 3 (2 for a wrong claim path).</summary>
    public static int ExitCodeFor(ErrorCode code)
        => code == WalletErrors.AlreadyExists ? ExitCodes.OutputError
            : code == WalletErrors.IoError || code == WalletErrors.Busy || code == WalletErrors.DiskFull ? ExitCodes.OutputError
            : code == HolderErrors.ClaimNotFound ? ExitCodes.Usage
            : ExitCodes.InputError;

    /// <summary>What to do about a wallet error, or <see langword="null"/> when there is nothing specific to say.</summary>
    public static string? Hint(ErrorCode code, string path)
    {
        if (code == WalletErrors.FileNotFound)
        {
            return $"Create it with 'holder init --wallet {path}', or pass the right file with --wallet.";
        }

        if (code == WalletErrors.WrongPassphrase || code == WalletErrors.WrongKey)
        {
            return $"Check the passphrase (${HolderApp.PassphraseVariable}); nothing was changed.";
        }

        if (code == WalletErrors.AlreadyExists)
        {
            return "Choose another file; an existing wallet is never overwritten.";
        }

        if (code == WalletErrors.NotFound)
        {
            return "Run 'holder list' to see the credential ids.";
        }

        if (code == WalletErrors.KeyNotFound)
        {
            return "Run 'holder keys list' to see the key ids.";
        }

        if (code == WalletErrors.DuplicateKey)
        {
            return "The wallet already holds this key.";
        }

        if (code == WalletErrors.DuplicateCredential)
        {
            return "The wallet already holds this credential; 'holder list' shows it.";
        }

        if (code == WalletErrors.DiskFull)
        {
            return "The disk is full: free some space and run the command again. The wallet was left as it was.";
        }

        if (code == HolderErrors.ClaimNotFound)
        {
            return "Run 'holder show ID' to see the credential's claims and their paths.";
        }

        if (code == WalletErrors.Busy)
        {
            return "Another process is writing to the wallet; try again.";
        }

        if (code == WalletErrors.Corrupt || code == WalletErrors.UnsupportedVersion)
        {
            return "The file is damaged or from a newer version; restore a backup.";
        }

        return null;
    }
}
