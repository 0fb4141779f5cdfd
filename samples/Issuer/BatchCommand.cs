using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwtVc;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer batch</c>: thousands of credentials from a JSONL file, one person per line, on every core. Every line
/// is checked before anything is issued (a bad line stops the batch with its line number); then workers, each
/// with its own copy of the signing key, take the next line until none are left. Resumable: an interrupted batch run
/// again with the same input continues where it stopped and reuses the status indices it reserved
/// (<see cref="BatchJournal"/>).
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliHost host)
    {
        var options = new IssueOptions();
        var type = new Option<string>("--type") { Required = true };
        var input = new Option<string>("--input") { Required = true };
        var output = new Option<string>("--out") { Required = true };
        var parallelism = new Option<int>("--parallelism");
        var iatPrecision = new Option<string>("--iat-precision")
        {
            DefaultValueFactory = _ => "day",
        };
        iatPrecision.AcceptOnlyFromAmong("day", "second");
        var command = new Command("batch") { type, input, output, parallelism, iatPrecision };
        options.AddTo(command);
        command.SetCliAction(host, async (ctx, ct) =>
        {
            var credentialType = CredentialTypes.Get(ctx.GetValue(type));
            var inputPath = ctx.GetValue(input)!;
            var outDir = ctx.GetValue(output)!;
            var force = ctx.GetValue(options.Force);
            var workers = ctx.GetValue(parallelism) is > 0 and var p ? p : Environment.ProcessorCount;
            var identity = IssuerIdentity.Load(ctx.GetValue(options.Key)!, ctx.GetValue(options.Issuer));
            var now = ctx.Host.TimeProvider.GetUtcNow();
            TimeSpan? precision = ctx.GetValue(iatPrecision) == "second" ? null : TimeSpan.FromDays(1);

            var toJsonLines = outDir.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
            var (items, inputDigest) = Prepare(credentialType, inputPath, toJsonLines ? null : outDir, now);
            if (!toJsonLines && File.Exists(outDir))
            {
                throw new CliException(CliErrors.WriteFailed(outDir, "it is a file, not a directory."));
            }

            var statusList = ctx.GetValue(options.StatusList) is { } database ? Path.GetFullPath(database) : null;
            var statusUri = statusList is null ? null : ctx.GetValue(options.StatusUri);

            // Resumable: the journal (written before any index is taken) names this batch and the key of its status
            // index reservation. Run again with the same input, the batch gets the same index for every row back and
            // issues only the rows whose output is not written yet. --force starts over with fresh indices.
            var journalPath = BatchJournal.PathFor(outDir);
            var planned = new BatchJournal(inputDigest, credentialType.Name, identity.Issuer, statusList, statusUri, items.Count, BatchJournal.NewReservation(inputDigest));
            var journal = BatchJournal.TryRead(journalPath) is { } existing && !force && existing.IsSameBatch(planned) ? existing : null;
            var resumed = journal is not null;
            if (journal is null)
            {
                if (!force)
                {
                    CliFiles.EnsureWritable(journalPath, force: false);
                    if (toJsonLines)
                    {
                        CliFiles.EnsureWritable(outDir, force: false);
                    }
                    else
                    {
                        foreach (var item in items)
                        {
                            CliFiles.EnsureWritable(item.OutputPath!, force: false);
                        }
                    }
                }

                journal = planned;
                journal.Write(journalPath);
            }

            var done = new HashSet<string>(StringComparer.Ordinal);
            FileStream? lines = null;
            try
            {
                if (toJsonLines)
                {
                    if (resumed)
                    {
                        done = BatchJournal.RecoverJsonLines(outDir, items.Select(i => i.Name).ToHashSet(StringComparer.Ordinal));
                    }

                    lines = new FileStream(outDir, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
                }
                else
                {
                    Directory.CreateDirectory(outDir);
                    if (resumed)
                    {
                        done = items.Where(i => File.Exists(i.OutputPath)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                lines?.Dispose();
                throw new CliException(CliErrors.WriteFailed(outDir, CliErrors.Reason(ex)), ex);
            }

            using var linesOwner = lines;
            StatusListDatabase? lists = null;
            using var statusKey = identity.CreateSigner();
            if (statusList is not null)
            {
                lists = await StatusListDatabase.OpenAsync(statusList, statusKey, identity.Issuer, ctx.Host.TimeProvider, mustExist: false, ct).ConfigureAwait(false);
            }

            var stopwatch = Stopwatch.StartNew();

            // Every status entry is reserved up front in one transaction, one per input row, under the journal's key:
            // the signing workers never wait for SQLite, and a rerun gets the same indices back.
            var references = lists is null ? null : await lists.ReserveAsync(statusUri!, journal.Reservation, items.Count, ct).ConfigureAwait(false);
            var pending = Enumerable.Range(0, items.Count).Where(i => !done.Contains(items[i].Name)).ToArray();
            workers = Math.Max(1, Math.Min(workers, pending.Length));
            await CliProgress.RunAsync(ctx, ctx.Language.Pick("発行中", "Issuing"), pending.Length, async report =>
            {
                var next = -1;
                var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
                {
                    // One key and issuer per worker: no signing state is shared between threads. Each worker also
                    // writes its JSON lines into its own buffer and hands the file a block at a time, so the only
                    // shared step is one write per 64 KiB.
                    using var key = identity.CreateSigner();
                    var issuer = new SdJwtVcIssuer(key, options: new SdJwtVcIssuerOptions { Issuer = identity.Issuer, TimeProvider = ctx.Host.TimeProvider, IssuedAtPrecision = precision });
                    var block = new System.Buffers.ArrayBufferWriter<byte>(1 << 17);
                    using var lineWriter = new Utf8JsonWriter(block);
                    int p;
                    while ((p = Interlocked.Increment(ref next)) < pending.Length)
                    {
                        ct.ThrowIfCancellationRequested();
                        var i = pending[p];
                        var item = items[i];
                        var issuance = Blur(item.Credential.ToIssuance(item.HolderKey), precision);
                        if (references is not null)
                        {
                            issuance = issuance with { Status = references[i] };
                        }

                        var credential = await issuer.IssueAsync(issuance, ct).ConfigureAwait(false);
                        if (lines is not null)
                        {
                            lineWriter.WriteStartObject();
                            lineWriter.WriteString("id", item.Name);
                            lineWriter.WriteString("credential", credential.Serialize());
                            lineWriter.WriteEndObject();
                            lineWriter.Flush();
                            lineWriter.Reset();
                            System.Buffers.BuffersExtensions.Write(block, "\n"u8);
                            if (block.WrittenCount >= 1 << 16)
                            {
                                WriteBlock(lines, block);
                            }
                        }
                        else
                        {
                            // Atomically (a temporary file renamed): a file that exists is complete, so a rerun skips it.
                            BatchJournal.WriteAtomically(item.OutputPath!, credential.Serialize());
                        }

                        report();
                    }

                    if (lines is not null)
                    {
                        WriteBlock(lines, block);
                    }
                }, ct)).ToArray();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }).ConfigureAwait(false);
            stopwatch.Stop();

            var seconds = stopwatch.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? pending.Length / seconds : pending.Length;
            var json = new JsonObject
            {
                ["type"] = credentialType.Name,
                ["vct"] = credentialType.Vct,
                ["iss"] = identity.Issuer,
                ["count"] = items.Count,
                ["issued"] = pending.Length,
                ["alreadyWritten"] = items.Count - pending.Length,
                ["resumed"] = resumed,
                ["journal"] = journalPath,
                ["out"] = outDir,
                ["workers"] = workers,
                ["seconds"] = Math.Round(seconds, 3),
                ["perSecond"] = Math.Round(rate, 1),
                ["statusUri"] = lists is null ? null : statusUri,
            };
            return ctx.Result(json, console =>
            {
                console.WriteLine(ctx.Language.Pick("[green]一括発行が完了しました[/]: ", "[green]Batch issued[/]: "), credentialType.GetDisplayName(ctx.Language));
                if (resumed)
                {
                    console.WriteLine(ctx.Language.Pick("中断した一括発行を再開しました。書き出し済み: ", "Resumed an interrupted batch; already written: "), (items.Count - pending.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                var table = new Table().AddColumn(ctx.Language.Pick("件数", "count")).AddColumn(ctx.Language.Pick("所要時間", "time")).AddColumn(ctx.Language.Pick("速度", "rate")).AddColumn(ctx.Language.Pick("並列数", "workers")).AddColumn(ctx.Language.Pick("出力先", "output"));
                table.AddPlainRow(
                    pending.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{seconds:0.00} s",
                    $"{rate:0.0} /s",
                    workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    outDir);
                console.Write(table);
            });
        });
        return command;
    }

    private static void WriteBlock(FileStream file, System.Buffers.ArrayBufferWriter<byte> block)
    {
        lock (file)
        {
            file.Write(block.WrittenSpan);
        }

        block.ResetWrittenCount();
    }

    /// <summary>
    /// Rounds the batch's shared validity instants (nbf and exp are computed from one clock reading) down to the
    /// precision, like iat, so that they do not link the batch's credentials either; exp only ever moves earlier.
    /// </summary>
    private static SdJwtVcIssuance Blur(SdJwtVcIssuance issuance, TimeSpan? precision)
    {
        if (precision is not { } step)
        {
            return issuance;
        }

        var notBefore = issuance.NotBefore is { } n ? RoundDown(n, step) : (DateTimeOffset?)null;
        var expiresAt = issuance.ExpiresAt is { } e && RoundDown(e, step) is var rounded && (notBefore is null || rounded > notBefore) ? rounded : issuance.ExpiresAt;
        return issuance with { NotBefore = notBefore, ExpiresAt = expiresAt };
    }

    private static DateTimeOffset RoundDown(DateTimeOffset instant, TimeSpan step)
    {
        var seconds = instant.ToUnixTimeSeconds();
        var size = (long)step.TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(seconds - (((seconds % size) + size) % size));
    }

    private static (List<BatchItem> Items, string InputDigest) Prepare(CredentialType type, string inputPath, string? outDir, DateTimeOffset now)
    {
        var text = CliFiles.ReadAllText(inputPath, "batch input");
        var items = new List<BatchItem>();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var document = CliJson.ParseObject(line, $"{inputPath}:{lineNumber}", "batch line");
                var (id, claims, holderKey) = Unwrap(document);
                var prepared = type.Prepare(claims, now, $"{inputPath}:{lineNumber}");
                var name = SafeFileName(id) ?? lineNumber.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                if (!names.Add(name))
                {
                    throw new CliException(new CliError(IssuerErrors.InvalidBatchLine, $"the id '{id}' is used twice.", null));
                }

                var path = outDir is null ? null : Path.Combine(outDir, name + ".sd-jwt");

                items.Add(new BatchItem(prepared, holderKey, name, path));
            }
            catch (CredentialClaimsException ex)
            {
                problems.Add($"line {lineNumber}: " + string.Join("; ", ex.Problems.Select(p => $"{p.Path}: {p.Message}")));
            }
            catch (CliException ex)
            {
                problems.Add($"line {lineNumber}: {ex.Error.Message}");
            }

            if (problems.Count >= 10)
            {
                break;
            }
        }

        if (problems.Count > 0)
        {
            throw new CliException(new CliError(IssuerErrors.InvalidBatchLine, $"{problems.Count} line(s) of '{inputPath}' are not valid, so nothing was issued: " + string.Join(" | ", problems), "Fix those lines (each is one person's claims, or {\"claims\": ..., \"holder_key\": ...}) and run the batch again."));
        }

        if (items.Count == 0)
        {
            throw new CliException(new CliError(IssuerErrors.InvalidBatchLine, $"'{inputPath}' has no lines to issue.", "Write one JSON object per line."));
        }

        return (items, BatchJournal.Digest(text));
    }

    private static (string? Id, JsonObject Claims, Jwk? HolderKey) Unwrap(JsonObject line)
    {
        if (line["claims"] is not JsonObject claims)
        {
            return (null, line, null);
        }

        foreach (var (name, _) in line)
        {
            if (name is not "claims" and not "holder_key" and not "id")
            {
                throw new CliException(new CliError(IssuerErrors.InvalidBatchLine, $"the wrapper member '{name}' is not one of id, claims, holder_key.", null));
            }
        }

        string? id = null;
        if (line["id"] is { } idNode)
        {
            id = idNode.GetValueKind() == JsonValueKind.String ? idNode.GetValue<string>() : throw new CliException(new CliError(IssuerErrors.InvalidBatchLine, "'id' must be a string.", null));
        }

        Jwk? holderKey = null;
        if (line["holder_key"] is { } keyNode)
        {
            var read = Jwk.ReadPublic(keyNode.ToJsonString());
            if (!read.IsValid)
            {
                throw new CliException(new CliError(IssuerErrors.InvalidBatchLine, "'holder_key' must be a public JWK: " + read.Error.Message, null));
            }

            holderKey = read.Value;
        }

        return (id, claims, holderKey);
    }

    private static string? SafeFileName(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var safe = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? null : safe;
    }

    private sealed record BatchItem(PreparedCredential Credential, Jwk? HolderKey, string Name, string? OutputPath);
}
