using System;
using System.Collections.Generic;
using System.Globalization;
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
    public const string WeakPassphraseCode = "holder.weak_passphrase";
    public const string WalletIsDirectoryCode = "holder.wallet_is_directory";
    public const string NoHolderKeyCode = "holder.no_holder_key";

    /// <summary>The shortest passphrase a new wallet accepts without <c>--weak-passphrase</c>, in characters (text elements).</summary>
    public const int MinPassphraseLength = 8;

    /// <summary>Creates a new wallet file; an existing file is never touched.</summary>
    public static async Task<WalletStore> CreateAsync(CliContext context, string path, bool weakPassphrase, CancellationToken cancellationToken)
    {
        RefuseDirectory(path);
        if (System.IO.File.Exists(path))
        {
            throw new CliException(new CliError(
                WalletErrors.AlreadyExists.Value,
                $"'{path}' already exists; it was left unchanged.",
                "An existing wallet is never overwritten: choose another file with --wallet (or delete this one yourself if you mean to start over).",
                ExitCodes.OutputError));
        }

        var passphrase = GetPassphrase(context, confirm: true);
        var length = new StringInfo(passphrase).LengthInTextElements;
        if (length < MinPassphraseLength && !weakPassphrase)
        {
            throw new CliException(new CliError(
                WeakPassphraseCode,
                $"The passphrase has {length} character{(length == 1 ? "" : "s")}; a wallet passphrase needs at least {MinPassphraseLength}. The wallet was not created.",
                $"Choose a longer passphrase (a few words are easy to remember), or add --weak-passphrase for a test or a demo.",
                ExitCodes.Usage));
        }

        var created = await WalletStore.CreateAsync(path, WalletSecret.FromPassphrase(passphrase), Options(context), cancellationToken);
        if (!created.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(created.Error, Hint(created.Error.Code, path), ExitCodeFor(created.Error.Code)));
        }

        return created.Value;
    }

    /// <summary>
    /// Opens an existing wallet file read-only, for commands that only show or export: the file is not changed in any
    /// way, whatever it holds.
    /// </summary>
    public static async Task<WalletStore> OpenReadOnlyAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        RequireFile(path);
        var passphrase = GetPassphrase(context, confirm: false);
        var opened = await WalletStore.OpenReadOnlyAsync(path, WalletSecret.FromPassphrase(passphrase), Options(context), cancellationToken);
        return Check(opened, path);
    }

    /// <summary>
    /// Opens an existing wallet file for a command that writes into it, after checking that the whole file is intact
    /// (SQLite's structure, every credential record and every holder key): a wallet a read would refuse is never
    /// written into.
    /// </summary>
    public static async Task<WalletStore> OpenForWriteAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        RequireFile(path);
        var passphrase = GetPassphrase(context, confirm: false);
        var store = Check(await WalletStore.OpenAsync(path, WalletSecret.FromPassphrase(passphrase), Options(context), cancellationToken), path);
        try
        {
            RefuseDamage(await store.CheckIntegrityAsync(cancellationToken), path);
            RefuseDamage(await store.AuthenticateRecordsAsync(cancellationToken), path);
            RefuseDamage(await store.ListHolderKeysAsync(cancellationToken), path);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static void RefuseDamage<T>(VerificationResult<T> check, string path)
    {
        if (!check.IsValid)
        {
            var error = check.Error;
            throw new CliException(ClaimValues.ToCliError(
                error,
                (Hint(error.Code, path) is { } hint ? hint + " " : "") + "Nothing was written: a command never writes into a wallet it cannot read in full.",
                ExitCodeFor(error.Code)));
        }
    }

    private static void RefuseDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            throw new CliException(new CliError(
                WalletIsDirectoryCode,
                $"'{path}' is a directory, not a wallet file.",
                $"Pass the wallet file itself with --wallet (for example {System.IO.Path.Combine(path, "wallet.db")})."));
        }
    }

    private static void RequireFile(string path)
    {
        RefuseDirectory(path);
        if (!System.IO.File.Exists(path))
        {
            throw new CliException(new CliError(WalletErrors.FileNotFound.Value, $"The wallet '{path}' does not exist.", Hint(WalletErrors.FileNotFound, path)));
        }
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
