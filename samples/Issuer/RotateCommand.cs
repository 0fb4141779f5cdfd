using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer keys rotate</c>: adds a next key to the issuer's key-set file with its activation date and retires the
/// active key then, keeping it published until its retain-until (by default the activation plus the longest credential
/// lifetime), and prints each key's phase. The key-set file names the private JWK files or <c>pkcs11:</c> URIs and their dates; it is created
/// from <c>--current</c> (active from now) the first time.
/// </summary>
internal static class RotateCommand
{
    /// <summary>The rotation was refused (activation in the past, retain-until before the retirement, a key id used twice).</summary>
    public const string KeyRotationRefused = "issuer.key_rotation_refused";

    public static Command Create(CliHost host)
    {
        var set = new Option<string>("--set") { Required = true };
        var current = new Option<string?>("--current");
        var next = new Option<string>("--next") { Required = true };
        var activateAt = new Option<DateTimeOffset>("--activate-at") { Required = true };
        var retainUntil = new Option<DateTimeOffset?>("--retain-until");
        var lifetimeDays = new Option<int>("--credential-lifetime-days") { DefaultValueFactory = _ => 365 };
        var command = new Command("rotate") { set, current, next, activateAt, retainUntil, lifetimeDays };
        command.SetCliAction(host, (ctx, ct) =>
        {
            var clock = ctx.Host.TimeProvider;
            var path = ctx.GetValue(set)!;
            var entries = File.Exists(path) ? Load(path) : [];
            if (entries.Count == 0)
            {
                var first = ctx.GetValue(current) ?? throw new CliException(CliErrors.InvalidOption("--current", $"'{path}' does not exist yet, so the active key must be given.", "Add --current FILE|pkcs11:URI (the key that signs today)."));
                entries.Add(new Entry(KeySetKeys.Normalize(first), clock.GetUtcNow(), null, null));
            }

            var activation = ctx.GetValue(activateAt);
            var retain = ctx.GetValue(retainUntil) ?? IssuerKey.ComputeRetainUntil(activation, TimeSpan.FromDays(ctx.GetValue(lifetimeDays)), TimeSpan.FromDays(1));
            var owned = new List<IDisposable>();
            try
            {
                var keys = entries.Select(e => ToKey(e, r => KeySetKeys.Open(r, owned))).ToList();
                var nextEntry = new Entry(KeySetKeys.Normalize(ctx.GetValue(next)!), activation, null, null);
                var nextKey = ToKey(nextEntry, r => KeySetKeys.Open(r, owned));
                IssuerKeySet rotated;
                try
                {
                    rotated = new IssuerKeySet(keys, clock).Rotate(nextKey, retain);
                }
                catch (ArgumentException ex)
                {
                    throw new CliException(new CliError(KeyRotationRefused, "The rotation was refused: " + ex.Message, "Activate the next key in the future and keep the old one at least until it retires.", ExitCodes.Usage), ex);
                }

                // Each key's reference (file or pkcs11: URI) by its kid: the set keeps its keys by kid.
                var references = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    references[keys[i].KeyId] = entries[i].KeyFile;
                }

                references[nextKey.KeyId] = nextEntry.KeyFile;
                var saved = new JsonArray([.. rotated.Keys.Select(k => (JsonNode)new JsonObject
                {
                    ["key"] = references[k.KeyId],
                    ["activatesAt"] = Iso(k.ActivatesAt),
                    ["retiresAt"] = k.RetiresAt is { } r ? Iso(r) : null,
                    ["retainUntil"] = k.RetainUntil is { } u ? Iso(u) : null,
                })]);
                Save(path, CliJson.Serialize(new JsonObject { ["keys"] = saved }));

                var now = clock.GetUtcNow();
                var phases = new JsonArray([.. rotated.Keys.Select(k => (JsonNode)new JsonObject
                {
                    ["kid"] = k.KeyId,
                    ["source"] = KeySetKeys.IsToken(references[k.KeyId]) ? "pkcs11" : "file",
                    ["state"] = k.GetState(now).ToString().ToLowerInvariant(),
                    ["activatesAt"] = Iso(k.ActivatesAt),
                    ["retiresAt"] = k.RetiresAt is { } r ? Iso(r) : null,
                    ["retainUntil"] = k.RetainUntil is { } u ? Iso(u) : null,
                })]);
                var json = new JsonObject { ["set"] = path, ["keys"] = phases, ["published"] = new JsonArray([.. rotated.GetPublishedKeys().Select(k => (JsonNode)k.Kid!)]) };
                return Task.FromResult(ctx.Result(json, console =>
                {
                    console.WriteLine(ctx.Language.Pick("[green]鍵のローテーションを登録しました[/]: ", "[green]Key rotation recorded[/]: "), path);
                    foreach (var k in rotated.Keys)
                    {
                        console.WriteLine($"{k.KeyId}: ", $"{k.GetState(now)} ({Iso(k.ActivatesAt)} → {(k.RetiresAt is { } r ? Iso(r) : "…")}, {ctx.Language.Pick("公開終了", "published until")} {(k.RetainUntil is { } u ? Iso(u) : "…")})");
                    }
                }));
            }
            finally
            {
                owned.ForEach(s => s.Dispose());
            }
        });
        return command;
    }

    /// <summary>Reads the key-set file: <c>{"keys":[{"key":FILE|pkcs11:URI,"activatesAt":…,"retiresAt":…,"retainUntil":…}]}</c>.</summary>
    internal static List<Entry> Load(string path)
    {
        var root = CliJson.ReadObjectFile(path, "key set");
        var entries = new List<Entry>();
        try
        {
            if (root["keys"] is not JsonArray items || items.Count == 0)
            {
                throw new FormatException("no keys");
            }

            foreach (var item in items)
            {
                if (item is not JsonObject o || o["key"]?.GetValue<string>() is not { } file || Date(o["activatesAt"]) is not { } activates)
                {
                    throw new FormatException("an entry without key or activatesAt");
                }

                entries.Add(new Entry(file, activates, Date(o["retiresAt"]), Date(o["retainUntil"])));
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new CliException(CliErrors.InvalidOption("--set", $"'{path}' is not a key-set file.", "It is written by 'issuer keys rotate'."), ex);
        }

        return entries;

        static DateTimeOffset? Date(JsonNode? node) => node?.GetValue<string>() is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Loads a key set from its file, each key's signer from its JWK file or token (the caller disposes <paramref name="owned"/>).</summary>
    internal static IssuerKeySet LoadSet(string path, TimeProvider clock, List<IDisposable> owned)
        => LoadSet(path, clock, reference => KeySetKeys.Open(reference, owned));

    /// <summary>Reads the key set, each key opened by <paramref name="open"/> (which may reuse an open one).</summary>
    internal static IssuerKeySet LoadSet(string path, TimeProvider clock, Func<string, IPublicKeySigner> open)
        => new(Load(path).Select(e => ToKey(e, open)), clock);

    /// <summary>Replaces the key-set file in one step (a server reading it meanwhile sees the old or the new set, never half of one).</summary>
    private static void Save(string path, string contents)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            CliFiles.WriteAllText(temporary, contents, force: true);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new CliException(CliErrors.WriteFailed(path, CliErrors.Reason(ex)), ex);
        }
    }

    private static IssuerKey ToKey(Entry entry, Func<string, IPublicKeySigner> open)
    {
        var signer = open(entry.KeyFile);
        return new IssuerKey(signer, signer.PublicJwk, entry.ActivatesAt, entry.RetiresAt, entry.RetainUntil);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    internal sealed record Entry(string KeyFile, DateTimeOffset ActivatesAt, DateTimeOffset? RetiresAt, DateTimeOffset? RetainUntil);
}
