using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Keys;
using Credentials.Status;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The issuer's status lists in a SQLite file (<see cref="SqliteStatusListStore"/>) driven by
/// <see cref="StatusListIssuer"/>. Lists are created on first use: 2 bits per entry (valid, revoked, suspended),
/// room for <see cref="DefaultCapacity"/> credentials, indices handed out at random and never reused.
/// </summary>
internal sealed class StatusListDatabase
{
    public const int Bits = 2;
    public const long DefaultCapacity = 1 << 20;

    private readonly SqliteStatusListStore _store;

    private StatusListDatabase(string path, SqliteStatusListStore store, StatusListIssuer manager)
    {
        Path = path;
        _store = store;
        Manager = manager;
    }

    public string Path { get; }

    public StatusListIssuer Manager { get; }

    /// <summary>Opens (creating if needed) the database; <paramref name="signer"/> signs published tokens.</summary>
    public static async Task<StatusListDatabase> OpenAsync(string path, ISigner signer, string? issuer, TimeProvider timeProvider, bool mustExist, CancellationToken cancellationToken)
    {
        if (mustExist && !File.Exists(path))
        {
            throw new CliException(CliErrors.FileNotFound(path, "status list database"));
        }

        try
        {
            var store = SqliteStatusListStore.ForFile(path);
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var tokens = new StatusListTokenIssuer(signer, new StatusListTokenIssuerOptions { Issuer = issuer, TimeProvider = timeProvider });
            return new StatusListDatabase(path, store, new StatusListIssuer(store, tokens));
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(new CliError(CliErrors.FileUnreadableCode, $"The status list database '{path}' could not be opened: {CliErrors.Reason(ex)}", "Pass a database written by 'issuer issue --status-list', or a new path."), ex);
        }
    }

    /// <summary>Allocates an index in <paramref name="uri"/>, creating the list on first use.</summary>
    public async Task<StatusReference> AllocateAsync(string uri, CancellationToken cancellationToken)
    {
        if (!StatusUri.IsValid(uri))
        {
            throw new CliException(CliErrors.InvalidOption("--status-uri", $"'{uri}' is not an absolute URI.", "Use the https URL where the Status List Token will be published."));
        }

        if (await _store.GetListAsync(uri, cancellationToken).ConfigureAwait(false) is null)
        {
            await Manager.CreateListAsync(uri, Bits, DefaultCapacity, cancellationToken).ConfigureAwait(false);
        }

        return await Manager.TryAllocateAsync(uri, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(new CliError(IssuerErrors.StatusListFull, $"The status list '{uri}' has no free index left.", "Start a new list with another --status-uri."));
    }

    /// <summary>Creates the list <paramref name="uri"/> if it does not exist yet, without allocating any index.</summary>
    public async Task EnsureListAsync(string uri, CancellationToken cancellationToken)
    {
        if (!StatusUri.IsValid(uri))
        {
            throw new CliException(CliErrors.InvalidOption("--status-uri", $"'{uri}' is not an absolute URI.", "Use the https URL where the Status List Token will be published."));
        }

        if (await _store.GetListAsync(uri, cancellationToken).ConfigureAwait(false) is null)
        {
            await Manager.CreateListAsync(uri, Bits, DefaultCapacity, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reserves one status entry per credential of a batch, in one transaction, before anything is signed (workers then
    /// never wait for the database). Idempotent per <paramref name="reservation"/>: a batch run again after an
    /// interruption gets back the indices it reserved, row for row, and takes no new ones.
    /// </summary>
    public async Task<System.Collections.Generic.IReadOnlyList<StatusReference>> ReserveAsync(string uri, string reservation, int count, CancellationToken cancellationToken)
    {
        await EnsureListAsync(uri, cancellationToken).ConfigureAwait(false);
        var indices = await _store.ReserveAsync(uri, reservation, count, cancellationToken).ConfigureAwait(false);
        return indices.Count == count
            ? [.. System.Linq.Enumerable.Select(indices, index => new StatusReference(uri, index))]
            : throw new CliException(new CliError(IssuerErrors.StatusListFull, $"The status list '{uri}' has room for only {indices.Count} of the {count} credentials; nothing was issued.", "Start a new list with another --status-uri."));
    }

    /// <summary>Throws <see cref="IssuerErrors.UnknownStatusList"/> if the list does not exist.</summary>
    public async Task<StatusListInfo> RequireListAsync(string uri, CancellationToken cancellationToken)
        => await _store.GetListAsync(uri, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(new CliError(IssuerErrors.UnknownStatusList, $"'{Path}' has no status list '{uri}'.", "Check --uri; lists are created by 'issuer issue --status-list DB --status-uri URI'."));

    private static class StatusUri
    {
        public static bool IsValid(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out _);
    }
}
