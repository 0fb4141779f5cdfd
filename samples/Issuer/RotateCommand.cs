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
/// lifetime), and prints each key's phase. The key-set file names the private JWK files and their dates; it is created
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
                var first = ctx.GetValue(current) ?? throw new CliException(CliErrors.InvalidOption("--current", $"'{path}' does not exist yet, so the active key must be given.", "Add --current FILE (the key that signs today)."));
                entries.Add(new Entry(Path.GetFullPath(first), clock.GetUtcNow(), null, null));
            }

            var activation = ctx.GetValue(activateAt);
            var retain = ctx.GetValue(retainUntil) ?? IssuerKey.ComputeRetainUntil(activation, TimeSpan.FromDays(ctx.GetValue(lifetimeDays)), TimeSpan.FromDays(1));
            var signers = new List<SigningKey>();
            try
            {
                var keys = entries.Select(e => ToKey(e, signers)).ToList();
                IssuerKeySet rotated;
                try
                {
                    rotated = new IssuerKeySet(keys, clock).Rotate(ToKey(new Entry(Path.GetFullPath(ctx.GetValue(next)!), activation, null, null), signers), retain);
                }
                catch (ArgumentException ex)
                {
                    throw new CliException(new CliError(KeyRotationRefused, "The rotation was refused: " + ex.Message, "Activate the next key in the future and keep the old one at least until it retires.", ExitCodes.Usage), ex);
                }

                var files = rotated.Keys.Select(k => entries.Concat([new Entry(Path.GetFullPath(ctx.GetValue(next)!), activation, null, null)]).First(e => KeyIdOf(e.KeyFile) == k.KeyId).KeyFile).ToArray();
                var saved = new JsonArray([.. rotated.Keys.Select((k, i) => (JsonNode)new JsonObject
                {
                    ["key"] = files[i],
                    ["activatesAt"] = Iso(k.ActivatesAt),
                    ["retiresAt"] = k.RetiresAt is { } r ? Iso(r) : null,
                    ["retainUntil"] = k.RetainUntil is { } u ? Iso(u) : null,
                })]);
                CliFiles.WriteAllText(path, CliJson.Serialize(new JsonObject { ["keys"] = saved }), force: true);

                var now = clock.GetUtcNow();
                var phases = new JsonArray([.. rotated.Keys.Select(k => (JsonNode)new JsonObject
                {
                    ["kid"] = k.KeyId,
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
                signers.ForEach(s => s.Dispose());
            }
        });
        return command;
    }

    /// <summary>Reads the key-set file: <c>{"keys":[{"key":FILE,"activatesAt":…,"retiresAt":…,"retainUntil":…}]}</c>.</summary>
    internal static List<Entry> Load(string path)
    {
        var root = CliJson.ReadObjectFile(path, "key set");
        var entries = new List<Entry>();
        foreach (var item in root["keys"] as JsonArray ?? [])
        {
            if (item is not JsonObject o || o["key"]?.GetValue<string>() is not { } file || !DateTimeOffset.TryParse(o["activatesAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var activates))
            {
                throw new CliException(CliErrors.InvalidOption("--set", $"'{path}' is not a key-set file.", "It is written by 'issuer keys rotate'."));
            }

            entries.Add(new Entry(file, activates, Date(o["retiresAt"]), Date(o["retainUntil"])));
        }

        return entries;

        static DateTimeOffset? Date(JsonNode? node) => node?.GetValue<string>() is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Loads a key set from its file, each key's signer read from its JWK file (the caller disposes <paramref name="signers"/>).</summary>
    internal static IssuerKeySet LoadSet(string path, TimeProvider clock, List<SigningKey> signers)
        => new(Load(path).Select(e => ToKey(e, signers)), clock);

    private static IssuerKey ToKey(Entry entry, List<SigningKey> signers)
    {
        var jwk = JwkFile.Read(entry.KeyFile, "private key");
        var signer = SigningKey.FromJwk(jwk with { Kid = jwk.Kid ?? jwk.ToPublic().ComputeThumbprint() });
        signers.Add(signer);
        return new IssuerKey(signer, signer.PublicJwk, entry.ActivatesAt, entry.RetiresAt, entry.RetainUntil);
    }

    private static string KeyIdOf(string file)
    {
        var jwk = JwkFile.Read(file, "private key");
        return jwk.Kid ?? jwk.ToPublic().ComputeThumbprint();
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    internal sealed record Entry(string KeyFile, DateTimeOffset ActivatesAt, DateTimeOffset? RetiresAt, DateTimeOffset? RetainUntil);
}
