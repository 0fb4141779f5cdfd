using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        var all = problems.ToList();
        var list = all.Select(p => $"{p.Path}: {p.Message.TrimEnd('.')}").ToArray();
        return new(InvalidClaimsCode, $"The claims in '{path}' do not fit the credential type: {string.Join("; ", list)}.", "Fix the claims file; compare it with the sample in samples/Shared/SampleData/.")
        {
            Details = new JsonObject
            {
                ["problems"] = new JsonArray([.. all.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["message"] = p.Message })]),
            },
        };
    }

    /// <summary>A malformed claim path.</summary>
    public static CliError InvalidClaimPath(string text)
        => new(InvalidClaimPathCode, $"'{text}' is not a claim path.", "Write paths as dotted names (address.region), with [] for every array element and [N] for one (results[0]), or as a JSON array ([\"address\",\"region\"]).", ExitCodes.Usage);

    /// <summary>An option value that is not acceptable.</summary>
    public static CliError InvalidOption(string option, string message, string? hint = null)
        => new(InvalidOptionCode, $"{option}: {message}", hint, ExitCodes.Usage);

    /// <summary>An unanticipated exception, reported without its stack trace (or its type: that is for CREDENTIALS_DEBUG=1).</summary>
    public static CliError Unexpected(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(UnexpectedCode, $"Unexpected error: {Reason(exception)}", "This is probably a bug in the sample; set CREDENTIALS_DEBUG=1 to print the details and the stack trace.", ExitCodes.Unexpected);
    }

    /// <summary>
    /// Why an operation failed, in plain words, from an exception's message without .NET's decorations: no
    /// <c>(Parameter 'name')</c>, no <c>LineNumber: 0 | BytePositionInLine: 12</c> (a JSON position becomes "at line 1,
    /// column 13"), no <c>SQLite Error 14: '...'</c> wrapper.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="json">For a <see cref="JsonException"/>: the JSON text, to count the column in characters rather than bytes.</param>
    public static string Reason(Exception exception, string? json = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception.Message.Trim();
        switch (exception)
        {
            case ArgumentException { ParamName: { } name } when text.EndsWith($"(Parameter '{name}')", StringComparison.Ordinal):
                text = text[..^$"(Parameter '{name}')".Length].TrimEnd();
                break;
            case JsonException jsonException:
                var cut = IndexOfAny(text, " Path: ", " LineNumber: ", " | LineNumber: ");
                text = (cut >= 0 ? text[..cut] : text).TrimEnd().TrimEnd('|').TrimEnd();
                if (jsonException.LineNumber is { } line && jsonException.BytePositionInLine is { } bytes)
                {
                    var column = CharacterColumn(json, (int)line, (int)bytes) ?? bytes + 1;
                    text = $"{text.TrimEnd('.')} (at line {line + 1}, column {column}).";
                }

                break;
        }

        // Microsoft.Data.Sqlite: "SQLite Error 14: 'unable to open database file'." → "the database could not be opened: unable to open database file."
        if (text.StartsWith("SQLite Error ", StringComparison.Ordinal) && text.IndexOf(": '", StringComparison.Ordinal) is > 0 and var quote)
        {
            text = "the database could not be used: " + text[(quote + 3)..].TrimEnd('.').TrimEnd('\'', '.') + ".";
        }

        return text;
    }

    private static int IndexOfAny(string text, params string[] markers)
    {
        var first = -1;
        foreach (var marker in markers)
        {
            var index = text.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
            }
        }

        return first;
    }

    // The 1-based column in characters of a 0-based byte position in a 0-based line of UTF-8 text.
    private static long? CharacterColumn(string? json, int line, int bytes)
    {
        if (json is null)
        {
            return null;
        }

        var lines = json.Split('\n');
        if (line >= lines.Length)
        {
            return null;
        }

        var text = lines[line];
        var count = 0;
        var used = 0;
        while (count < text.Length && used < bytes)
        {
            var rune = System.Text.Rune.GetRuneAt(text, count);
            used += rune.Utf8SequenceLength;
            count += rune.Utf16SequenceLength;
        }

        return count + 1;
    }

    /// <summary>Cancelled by the user.</summary>
    public static CliError Cancelled()
        => new(CancelledCode, "Cancelled.", null, ExitCodes.Cancelled);
}
