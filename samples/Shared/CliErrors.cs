using System;
using System.Collections.Generic;
using System.Linq;

namespace Credentials.Samples;

/// <summary>
/// The errors shared by the sample apps, with their stable codes. App-specific errors use their own prefix
/// (<c>issuer.</c>, <c>holder.</c>, <c>verifier.</c>) through <see cref="CliError"/> directly.
/// </summary>
public static class CliErrors
{
    /// <summary>The command line could not be parsed.</summary>
    public const string UsageCode = "cli.usage";

    /// <summary>An input file does not exist.</summary>
    public const string FileNotFoundCode = "cli.file_not_found";

    /// <summary>An input file exists but could not be read.</summary>
    public const string FileUnreadableCode = "cli.file_unreadable";

    /// <summary>An output file exists and <c>--force</c> was not given.</summary>
    public const string FileExistsCode = "cli.file_exists";

    /// <summary>An output file or directory could not be written.</summary>
    public const string WriteFailedCode = "cli.write_failed";

    /// <summary>An output could not be written because the disk is full.</summary>
    public const string DiskFullCode = "cli.disk_full";

    /// <summary>A JWK file is not a usable JSON Web Key (RFC 7517).</summary>
    public const string MalformedJwkCode = "cli.malformed_jwk";

    /// <summary>A JWK file holds a public key where a private key is needed.</summary>
    public const string PrivateKeyRequiredCode = "cli.private_key_required";

    /// <summary>A JWK file holds a private key where only a public key should be shared.</summary>
    public const string PublicKeyExpectedCode = "cli.public_key_expected";

    /// <summary>A JSON input file is not valid JSON or not the expected shape.</summary>
    public const string MalformedJsonCode = "cli.malformed_json";

    /// <summary>A credential type name is not one of the known types.</summary>
    public const string UnknownTypeCode = "cli.unknown_type";

    /// <summary>A claims document does not satisfy its credential type.</summary>
    public const string InvalidClaimsCode = "cli.invalid_claims";

    /// <summary>A claim path given on the command line is malformed.</summary>
    public const string InvalidClaimPathCode = "cli.invalid_claim_path";

    /// <summary>An option value is not acceptable (for example an unknown algorithm).</summary>
    public const string InvalidOptionCode = "cli.invalid_option";

    /// <summary>Something the app did not anticipate.</summary>
    public const string UnexpectedCode = "cli.unexpected";

    /// <summary>The user cancelled.</summary>
    public const string CancelledCode = "cli.cancelled";

    /// <summary>The command line could not be parsed.</summary>
    public static CliError Usage(string message, string commandPath)
        => new(UsageCode, message, $"Run '{commandPath} --help' to see the commands and options.", ExitCodes.Usage);

    /// <summary>An input file does not exist.</summary>
    public static CliError FileNotFound(string path, string what)
        => new(FileNotFoundCode, $"The {what} file '{path}' does not exist.", "Check the path (relative paths start from the current directory).");

    /// <summary>An input file could not be read.</summary>
    public static CliError FileUnreadable(string path, string what, string reason)
        => new(FileUnreadableCode, $"The {what} file '{path}' could not be read: {reason}", "Check that the path is a file and that you may read it.");

    /// <summary>An output file exists.</summary>
    public static CliError FileExists(string path)
        => new(FileExistsCode, $"'{path}' already exists; it was left unchanged.", "Choose another path, or add --force to overwrite it.", ExitCodes.OutputError);

    /// <summary>An output could not be written.</summary>
    public static CliError WriteFailed(string path, string reason)
        => new(WriteFailedCode, $"'{path}' could not be written: {reason}", "Check that the directory exists and that you may write to it.", ExitCodes.OutputError);

    /// <summary>An output could not be written because the disk is full.</summary>
    public static CliError DiskFull(string path)
        => new(DiskFullCode, $"'{path}' could not be written: the disk is full.", "Free some disk space and run the command again.", ExitCodes.OutputError);

    /// <summary>A JWK file is malformed.</summary>
    public static CliError MalformedJwk(string path, string reason)
        => new(MalformedJwkCode, $"'{path}' is not a usable JWK (RFC 7517): {reason}", "Pass a JWK file as written by 'issuer keys create' or 'holder keys export'.");

    /// <summary>A JWK file lacks the private key.</summary>
    public static CliError PrivateKeyRequired(string path)
        => new(PrivateKeyRequiredCode, $"'{path}' holds a public key, but signing needs the private key (the JWK member 'd').", "Pass the private JWK written by 'issuer keys create'.");

    /// <summary>A JWK file holds a private key where a public key is expected.</summary>
    public static CliError PublicKeyExpected(string path)
        => new(PublicKeyExpectedCode, $"'{path}' holds a private key; only public keys should be passed around.", "Export the public part (for example 'holder keys export --public') and pass that file.");

    /// <summary>A JSON file is malformed.</summary>
    public static CliError MalformedJson(string path, string what, string reason)
        => new(MalformedJsonCode, $"The {what} file '{path}' is not valid: {reason}", "Fix the JSON (a sample for each type is in samples/Shared/SampleData/).");

    /// <summary>An unknown credential type.</summary>
    public static CliError UnknownType(string name, IEnumerable<string> known)
        => new(UnknownTypeCode, $"'{name}' is not a known credential type.", $"Use one of: {string.Join(", ", known)} (or --vct URI --sd PATH,... for your own type).");

    /// <summary>Claims that do not satisfy their type.</summary>
    public static CliError InvalidClaims(string path, IEnumerable<ClaimProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var list = problems.Select(p => $"{p.Path}: {p.Message}").ToArray();
        return new(InvalidClaimsCode, $"The claims in '{path}' do not fit the credential type: {string.Join("; ", list)}.", "Fix the claims file; compare it with the sample in samples/Shared/SampleData/.");
    }

    /// <summary>A malformed claim path.</summary>
    public static CliError InvalidClaimPath(string text)
        => new(InvalidClaimPathCode, $"'{text}' is not a claim path.", "Write paths as dotted names (address.region), with [] for every array element and [N] for one (results[0]), or as a JSON array ([\"address\",\"region\"]).", ExitCodes.Usage);

    /// <summary>An option value that is not acceptable.</summary>
    public static CliError InvalidOption(string option, string message, string? hint = null)
        => new(InvalidOptionCode, $"{option}: {message}", hint, ExitCodes.Usage);

    /// <summary>An unanticipated exception, reported without its stack trace.</summary>
    public static CliError Unexpected(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(UnexpectedCode, $"Unexpected error ({exception.GetType().Name}): {exception.Message}", "This is probably a bug in the sample; set CREDENTIALS_DEBUG=1 to print the stack trace.", ExitCodes.Unexpected);
    }

    /// <summary>Cancelled by the user.</summary>
    public static CliError Cancelled()
        => new(CancelledCode, "Cancelled.", null, ExitCodes.Cancelled);
}
