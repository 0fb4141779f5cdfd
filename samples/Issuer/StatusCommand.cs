using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Credentials.W3c.BitstringStatus;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer status</c>: revoke, suspend, unsuspend, show and publish entries of a Token Status List kept in a SQLite
/// file (<c>--db</c>) or in the PostgreSQL database of <c>issuer serve --postgres</c> (<c>--postgres</c>), and revoke,
/// show and publish the badges' W3C Bitstring Status Lists kept beside them.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliHost host)
    {
        var status = new Command("status");
        status.Subcommands.Add(Change(host, "revoke", (m, r, ct) => m.RevokeAsync(r, ct)));
        status.Subcommands.Add(Change(host, "suspend", (m, r, ct) => m.SuspendAsync(r, ct)));
        status.Subcommands.Add(Change(host, "unsuspend", (m, r, ct) => m.UnsuspendAsync(r, ct)));
        status.Subcommands.Add(Change(host, "show", null));
        status.Subcommands.Add(Publish(host));
        return status;
    }

    private static Command Change(CliHost host, string name, Func<StatusListIssuer, StatusReference, CancellationToken, ValueTask>? change)
    {
        var db = DatabaseOption();
        var postgres = PostgresOption();
        var uri = UriOption();
        var index = new Option<long>("--index") { Required = true };
        var command = new Command(name) { db, postgres, uri, index };
        command.SetCliAction(host, async (ctx, ct) =>
        {
            // Changing a status signs nothing; the manager still wants a token issuer, so it gets a throwaway key.
            using var unused = SigningKey.Create(JwsAlgorithm.EdDsa);
            await using var pg = await OpenPostgresAsync(ctx, db, postgres, ct).ConfigureAwait(false);
            var lists = pg is not null
                ? StatusListDatabase.ForPostgres(pg, unused, null, ctx.Host.TimeProvider)
                : await StatusListDatabase.OpenAsync(ctx.GetValue(db)!, unused, null, ctx.Host.TimeProvider, mustExist: true, ct).ConfigureAwait(false);
            var reference = new StatusReference(ctx.GetValue(uri)!, ctx.GetValue(index));
            var info = await lists.RequireListAsync(reference.Uri, ct).ConfigureAwait(false);
            if (StatusListDatabase.IsBitstring(info))
            {
                return await ChangeBitstringAsync(ctx, lists, name, reference, ct).ConfigureAwait(false);
            }

            StatusValue value;
            try
            {
                if (change is not null)
                {
                    await change(lists.Manager, reference, ct).ConfigureAwait(false);
                }

                value = await lists.Manager.GetStatusAsync(reference, ct).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(new CliError(IssuerErrors.UnknownStatusIndex, $"Index {reference.Index} of '{reference.Uri}' was never given to a credential.", "Check --index against the credential's status.status_list.idx."), ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException(new CliError(IssuerErrors.StatusChangeRefused, CliErrors.Reason(ex), "Revocation is final; issue a new credential instead.", ExitCodes.Failure), ex);
            }

            var json = new JsonObject { ["uri"] = reference.Uri, ["idx"] = reference.Index, ["status"] = Name(value), ["value"] = value.Value };
            return ctx.Result(json, console =>
            {
                console.WriteLine($"{reference.Uri} #{reference.Index}: {Label(value, ctx.Language)}");
                if (change is not null)
                {
                    console.WriteLine(ctx.Language.Pick("検証者に反映するには 'issuer status publish' で失効リストを公開してください。", "Run 'issuer status publish' so verifiers see the change."));
                    if (pg is not null)
                    {
                        console.WriteLine(ctx.Language.Pick("（--postgres では、公開したトークンを 'issuer serve --postgres' のすべてのインスタンスが配信します）", "(with --postgres, every 'issuer serve --postgres' instance serves the published token)"), string.Empty);
                    }
                }
            });
        });
        return command;
    }

    /// <summary>A badge's entry in a Bitstring Status List: a revocation list, so revoke and show only.</summary>
    private static async Task<int> ChangeBitstringAsync(CliContext ctx, StatusListDatabase lists, string name, StatusReference reference, CancellationToken ct)
    {
        if (name is "suspend" or "unsuspend")
        {
            throw new CliException(new CliError(IssuerErrors.StatusChangeRefused, $"'{reference.Uri}' is a badge revocation list (Bitstring Status List, one bit per badge): badges can be revoked, not suspended.", "Use 'issuer status revoke' for a badge.", ExitCodes.Usage));
        }

        var entry = new BitstringStatusListEntry(BitstringStatusPurposes.Revocation, reference.Index, new Uri(reference.Uri));
        int value;
        try
        {
            if (name == "revoke")
            {
                await lists.Bitstrings.RevokeAsync(entry, ct).ConfigureAwait(false);
            }

            value = await lists.Bitstrings.GetStatusAsync(entry, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(new CliError(IssuerErrors.UnknownStatusIndex, $"Index {reference.Index} of '{reference.Uri}' was never given to a badge.", "Check --index against the badge's credentialStatus.statusListIndex."), ex);
        }

        var json = new JsonObject { ["uri"] = reference.Uri, ["idx"] = reference.Index, ["kind"] = "BitstringStatusList", ["status"] = value == 0 ? "valid" : "revoked", ["value"] = value };
        return ctx.Result(json, console =>
        {
            console.WriteLine($"{reference.Uri} #{reference.Index}: {(value == 0 ? ctx.Language.Pick("有効", "valid") : ctx.Language.Pick("失効", "revoked"))}");
            if (name == "revoke")
            {
                console.WriteLine(ctx.Language.Pick("'issuer serve' は要求のたびにリストに署名し直すので、検証者にはすぐに反映されます（ファイルで配る場合は 'issuer status publish'）。", "'issuer serve' signs the list afresh for every request, so verifiers see the change at once ('issuer status publish' for a list served as a file)."));
            }
        });
    }

    private static Command Publish(CliHost host)
    {
        var db = DatabaseOption();
        var postgres = PostgresOption();
        var uri = UriOption();
        var key = new Option<string>("--key") { Required = true };
        var issuer = new Option<string?>("--issuer");
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "-" };
        var force = new Option<bool>("--force");
        var command = new Command("publish") { db, postgres, uri, key, issuer, output, force };
        command.SetCliAction(host, async (ctx, ct) =>
        {
            var outPath = ctx.GetValue(output)!;
            var overwrite = ctx.GetValue(force);
            if (outPath != "-")
            {
                CliFiles.EnsureWritable(outPath, overwrite);
            }

            var identity = IssuerIdentity.Load(ctx.GetValue(key)!, ctx.GetValue(issuer));
            using var signingKey = identity.CreateSigner();
            await using var pg = await OpenPostgresAsync(ctx, db, postgres, ct).ConfigureAwait(false);
            var lists = pg is not null
                ? StatusListDatabase.ForPostgres(pg, signingKey, identity.Issuer, ctx.Host.TimeProvider)
                : await StatusListDatabase.OpenAsync(ctx.GetValue(db)!, signingKey, identity.Issuer, ctx.Host.TimeProvider, mustExist: true, ct).ConfigureAwait(false);
            var listUri = ctx.GetValue(uri)!;
            var info = await lists.RequireListAsync(listUri, ct).ConfigureAwait(false);
            if (StatusListDatabase.IsBitstring(info))
            {
                // A badge list: the W3C BitstringStatusListCredential, signed with Data Integrity by the key's did:key.
                using var badgeKey = identity.CreateSigningKey();
                var credential = await BadgeSigning.PublishBitstringAsync(lists, new Uri(listUri), badgeKey, ctx.GetValue(key)!, ctx.Host.TimeProvider, ct).ConfigureAwait(false);
                if (outPath != "-" || !ctx.Json)
                {
                    CliFiles.WriteAllText(outPath, credential.ToJsonString(CliJson.OutputOptions), overwrite, ctx.Host.Output);
                }

                var published = new JsonObject { ["uri"] = listUri, ["kind"] = "BitstringStatusList", ["issuer"] = credential["issuer"]!.DeepClone(), ["bits"] = info.Bits, ["out"] = outPath, ["credential"] = credential };
                return ctx.Result(published, console =>
                {
                    if (outPath != "-")
                    {
                        console.WriteLine(ctx.Language.Pick("[green]バッジの失効リストを公開しました[/]: ", "[green]Badge status list published[/]: "), outPath);
                        console.WriteLine(ctx.Language.Pick("配信先: ", "serve it at: "), listUri);
                    }
                });
            }

            var token = await lists.Manager.PublishAsync(listUri, ct).ConfigureAwait(false);
            if (outPath != "-" || !ctx.Json)
            {
                CliFiles.WriteAllText(outPath, token, overwrite, ctx.Host.Output);
            }

            var json = new JsonObject { ["uri"] = listUri, ["iss"] = identity.Issuer, ["bits"] = info.Bits, ["out"] = outPath, ["token"] = token };
            return ctx.Result(json, console =>
            {
                if (outPath != "-")
                {
                    console.WriteLine(ctx.Language.Pick("[green]失効リストを公開しました[/]: ", "[green]Status list published[/]: "), outPath);
                    console.WriteLine(ctx.Language.Pick("配信先: ", "serve it at: "), listUri);
                }
            });
        });
        return command;
    }

    private static Option<string?> DatabaseOption() => new("--db");

    private static Option<string?> PostgresOption() => new(PostgresDatabase.OptionName);

    /// <summary>The --postgres database, or <see langword="null"/> for the --db file; exactly one of the two is required.</summary>
    private static async Task<PostgresDatabase?> OpenPostgresAsync(CliContext ctx, Option<string?> db, Option<string?> postgres, CancellationToken ct)
    {
        var file = ctx.GetValue(db);
        var connection = ctx.GetValue(postgres);
        if ((file is null) == (connection is null))
        {
            throw new CliException(CliErrors.InvalidOption("--db", "give the status list database: either --db FILE (SQLite) or --postgres CONNECTION (the database of 'issuer serve --postgres').", "For example --db status.db, or --postgres \"Host=db.internal;Database=issuer;Username=issuer\"."));
        }

        return connection is null ? null : await PostgresDatabase.OpenAsync(connection, ct).ConfigureAwait(false);
    }

    private static Option<string> UriOption() => new("--uri") { Required = true };

    private static string Name(StatusValue value)
        => value.IsValid ? "valid" : value.IsInvalid ? "revoked" : value.IsSuspended ? "suspended" : "0x" + value.Value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

    private static string Label(StatusValue value, UiLanguage language)
        => value.IsValid ? language.Pick("有効", "valid") : value.IsInvalid ? language.Pick("失効", "revoked") : value.IsSuspended ? language.Pick("一時停止", "suspended") : Name(value);
}
