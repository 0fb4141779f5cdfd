using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Keys;
using Credentials.PostgreSql;
using Credentials.Status;
using Credentials.W3c.BitstringStatus;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The issuer's status lists in a SQLite file (<see cref="SqliteStatusListStore"/>), or with <c>--postgres</c> in a
/// PostgreSQL database shared by several <c>serve</c> instances (<see cref="PostgreSqlStatusListStore"/>), driven by
/// <see cref="StatusListIssuer"/>. Lists are created on first use: 2 bits per entry (valid, revoked, suspended),
/// room for <see cref="DefaultCapacity"/> credentials, indices handed out at random and never reused. Open Badges get
/// their own lists in the same file: W3C Bitstring Status Lists of one bit per entry (revocation), driven by
/// <see cref="BitstringStatusListIssuer"/>.
/// </summary>
internal sealed class StatusListDatabase
{
    public const int Bits = 2;
    public const long DefaultCapacity = 1 << 20;

    private readonly IStatusListStore _store;

    private StatusListDatabase(string location, IStatusListStore store, ISigner signer, string? issuer, TimeProvider timeProvider)
    {
        Location = location;
        _store = store;
        var tokens = new StatusListTokenIssuer(signer, new StatusListTokenIssuerOptions { Issuer = issuer, TimeProvider = timeProvider });
        Manager = new StatusListIssuer(store, tokens);
        Bitstrings = new BitstringStatusListIssuer(store, timeProvider);
    }

    /// <summary>The Bitstring Status Lists of the badges.</summary>
    public BitstringStatusListIssuer Bitstrings { get; }

    /// <summary>Where the lists are, for messages: the SQLite file's path, or the PostgreSQL database without its password.</summary>
    public string Location { get; }

    public StatusListIssuer Manager { get; }

    /// <summary>The store (SQLite or PostgreSQL) the lists are kept in.</summary>
    public IStatusListStore Store => _store;

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
            return new StatusListDatabase(path, store, signer, issuer, timeProvider);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(new CliError(CliErrors.FileUnreadableCode, $"The status list database '{path}' could not be opened: {CliErrors.Reason(ex)}", "Pass a database written by 'issuer issue --status-list', or a new path."), ex);
        }
    }

    /// <summary>The lists in the PostgreSQL database of <c>--postgres</c> (its schema already created by <see cref="PostgresDatabase.OpenAsync"/>).</summary>
    public static StatusListDatabase ForPostgres(PostgresDatabase database, ISigner signer, string? issuer, TimeProvider timeProvider)
        => new(database.Description, new PostgreSqlStatusListStore(database.DataSource), signer, issuer, timeProvider);

    /// <summary>Allocates an index in <paramref name="uri"/>, creating the list on first use.</summary>
    public async Task<StatusReference> AllocateAsync(string uri, CancellationToken cancellationToken)
    {
        if (!StatusUri.IsValid(uri))
        {
            throw new CliException(CliErrors.InvalidOption("--status-uri", $"'{uri}' is not an absolute URI.", "Use the https URL where the Status List Token will be published."));
        }

        var existing = await _store.GetListAsync(uri, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await Manager.CreateListAsync(uri, Bits, DefaultCapacity, cancellationToken).ConfigureAwait(false);
        }
        else if (IsBitstring(existing))
        {
            throw new CliException(new CliError(IssuerErrors.StatusListKindMismatch, $"'{uri}' is a Bitstring Status List (for Open Badges) in '{Location}'; SD-JWT VCs need a Token Status List of their own.", "Give SD-JWT VCs another --status-uri."));
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
        var indices = _store switch
        {
            SqliteStatusListStore sqlite => await sqlite.ReserveAsync(uri, reservation, count, cancellationToken).ConfigureAwait(false),
            PostgreSqlStatusListStore postgres => await postgres.ReserveAsync(uri, reservation, count, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException("The store keeps no reservations."),
        };
        return indices.Count == count
            ? [.. System.Linq.Enumerable.Select(indices, index => new StatusReference(uri, index))]
            : throw new CliException(new CliError(IssuerErrors.StatusListFull, $"The status list '{uri}' has room for only {indices.Count} of the {count} credentials; nothing was issued.", "Start a new list with another --status-uri."));
    }

    /// <summary>Creates the Bitstring Status List <paramref name="uri"/> (one bit, revocation) if it does not exist yet.</summary>
    public async Task<Uri> EnsureBitstringListAsync(string uri, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var list))
        {
            throw new CliException(CliErrors.InvalidOption("--status-uri", $"'{uri}' is not an absolute URI.", "Use the https URL where the Bitstring Status List credential will be published."));
        }

        var info = await _store.GetListAsync(uri, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            await Bitstrings.CreateListAsync(list, 1, BitstringStatusList.MinimumEntries, cancellationToken).ConfigureAwait(false);
        }
        else if (!IsBitstring(info))
        {
            throw new CliException(new CliError(IssuerErrors.StatusListKindMismatch, $"'{uri}' is a Token Status List (for SD-JWT VCs) in '{Location}'; badges need a Bitstring Status List of their own.", "Give badges another --status-uri, for example the same URL ending in /status/badges."));
        }

        return list;
    }

    /// <summary>Allocates a revocation entry for a badge in the Bitstring Status List <paramref name="uri"/>, creating it on first use.</summary>
    public async Task<BitstringStatusListEntry> AllocateBitstringAsync(string uri, CancellationToken cancellationToken)
    {
        var list = await EnsureBitstringListAsync(uri, cancellationToken).ConfigureAwait(false);
        return await Bitstrings.TryAllocateAsync(list, BitstringStatusPurposes.Revocation, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(new CliError(IssuerErrors.StatusListFull, $"The status list '{uri}' has no free index left.", "Start a new list with another --status-uri."));
    }

    /// <summary>Whether a list is one of the badges' Bitstring Status Lists (one bit per entry; token lists here have two).</summary>
    public static bool IsBitstring(StatusListInfo info) => info.Bits == 1;

    /// <summary>Throws <see cref="IssuerErrors.UnknownStatusList"/> if the list does not exist.</summary>
    public async Task<StatusListInfo> RequireListAsync(string uri, CancellationToken cancellationToken)
        => await _store.GetListAsync(uri, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(new CliError(IssuerErrors.UnknownStatusList, $"'{Location}' has no status list '{uri}'.", "Check --uri; lists are created by 'issuer issue --status-list DB --status-uri URI'."));

    private static class StatusUri
    {
        public static bool IsValid(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out _);
    }
}
