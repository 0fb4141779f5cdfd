using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Samples.Issuer;

/// <summary>
/// What makes <c>issuer batch</c> resumable: a small JSON file beside the output (<c>OUT.journal.json</c>) written
/// before any status index is taken, naming the input by its SHA-256 digest, the type, the issuer, the status list,
/// and the key under which the status list reserved one index per input row (<see cref="StatusListDatabase.ReserveAsync"/>).
/// Running the same batch again finds it, gets the same index for every row back, and issues only the rows whose
/// output is not written yet: the output itself records what is done (a complete line of <c>OUT.jsonl</c>, or the
/// file of the row, written atomically).
/// </summary>
internal sealed record BatchJournal(string InputDigest, string Type, string Issuer, string? StatusList, string? StatusUri, int Count, string Reservation)
{
    public static string PathFor(string output) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)) + ".journal.json";

    public static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A new reservation key: the input digest's prefix and 64 random bits (a rerun with <c>--force</c> takes fresh indices).</summary>
    public static string NewReservation(string inputDigest) => "batch:" + inputDigest[..16] + ":" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="other"/> describes the same batch (same input, type, issuer and status list).</summary>
    public bool IsSameBatch(BatchJournal other)
        => InputDigest == other.InputDigest && Type == other.Type && Issuer == other.Issuer && StatusList == other.StatusList && StatusUri == other.StatusUri && Count == other.Count;

    /// <summary>Reads the journal at <paramref name="path"/>; <see langword="null"/> when there is none or it is not one.</summary>
    public static BatchJournal? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
            if (node is null || (string?)node["input_sha256"] is not { } digest || (string?)node["type"] is not { } type || (string?)node["iss"] is not { } issuer
                || (string?)node["reservation"] is not { } reservation || node["count"]?.GetValue<int>() is not { } count)
            {
                return null;
            }

            return new BatchJournal(digest, type, issuer, (string?)node["status_list"], (string?)node["status_uri"], count, reservation);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes the journal atomically (a temporary file renamed over the old one).</summary>
    public void Write(string path)
    {
        var json = new JsonObject
        {
            ["input_sha256"] = InputDigest,
            ["type"] = Type,
            ["iss"] = Issuer,
            ["status_list"] = StatusList,
            ["status_uri"] = StatusUri,
            ["count"] = Count,
            ["reservation"] = Reservation,
        };
        WriteAtomically(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Writes a file so that it is either absent or complete, even if the process is killed.</summary>
    public static void WriteAtomically(string path, string contents)
    {
        var temporary = path + ".tmp";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(temporary, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    /// <summary>
    /// The ids of the rows already in a JSON-lines output: every complete line <c>{"id", "credential"}</c> up to the first
    /// incomplete or unreadable one. The file is cut there, so a line half-written when the process died is written
    /// again, whole.
    /// </summary>
    public static HashSet<string> RecoverJsonLines(string path, IReadOnlySet<string> names)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return done;
        }

        try
        {
            long keep = 0;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            using (var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false))
            {
                var text = reader.ReadToEnd();
                var start = 0;
                while (start < text.Length)
                {
                    var end = text.IndexOf('\n', start);
                    if (end < 0 || ReadId(text.AsSpan(start, end - start)) is not { } id || !names.Contains(id) || !done.Add(id))
                    {
                        break;
                    }

                    keep += Encoding.UTF8.GetByteCount(text.AsSpan(start, end - start + 1));
                    start = end + 1;
                }
            }

            using var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
            truncate.SetLength(keep);
            return done;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    private static string? ReadId(ReadOnlySpan<char> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line.ToString());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && document.RootElement.TryGetProperty("credential", out var credential) && credential.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
