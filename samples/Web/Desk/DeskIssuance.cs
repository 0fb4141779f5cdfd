using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// The desk's work: makes a credential offer per person (OpenID4VCI pre-authorized code, optionally with a PIN), gives
/// the issuer the person's claims when their wallet redeems it, records which credential (status list entry) each person
/// received, and revokes, suspends or reinstates it in the Token Status List, asking for the list to be republished.
/// A singleton; thread-safe.
/// </summary>
public sealed class DeskIssuance : IDisposable
{
    /// <summary>The Token Status List's entry size: 2 bits (VALID, INVALID, SUSPENDED).</summary>
    public const int StatusBits = 2;

    /// <summary>The list's size: 131,072 entries (32 KiB), so one index says little about the order of issuance.</summary>
    public const long StatusCapacity = 1 << 17;

    /// <summary>How long an offer stays usable: 14 days.</summary>
    public static readonly TimeSpan OfferLifetime = TimeSpan.FromDays(14);

    private static readonly IpaExamCredentialType s_type = new();
    private readonly SampleIssuer _identity;
    private readonly DeskStore _store;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _ready = new(1, 1);

    // The holder keys (RFC 7638 thumbprints) a credential is being issued to, and the row it is for: filled when the
    // issuer asks for a row's claims, read back from the credential the issuer returned.
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);
    private bool _isReady;

    /// <summary>Creates the service.</summary>
    public DeskIssuance(SampleIssuer identity, DeskStore store, IServiceProvider services, TimeProvider timeProvider)
    {
        _identity = identity;
        _store = store;
        _services = services;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public void Dispose() => _ready.Dispose();

    /// <summary>The store of the rows.</summary>
    public DeskStore Store => _store;

    /// <summary>The sample issuer.</summary>
    public SampleIssuer Identity => _identity;

    /// <summary>Creates the status list (on first start) and publishes it when nothing is published yet. Idempotent.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_isReady)
        {
            return;
        }

        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_isReady)
            {
                return;
            }

            var uri = _identity.StatusListUri;
            var lists = _services.GetRequiredService<StatusListIssuer>();
            await lists.CreateListAsync(uri, StatusBits, StatusCapacity, cancellationToken).ConfigureAwait(false);
            var publisher = _services.GetRequiredService<IStatusListPublisher>();
            if (await _services.GetRequiredService<DeskStatusListStore>().Store.GetPublishedTokenAsync(uri, cancellationToken).ConfigureAwait(false) is null)
            {
                await publisher.PublishAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Kept fresh from now on (re-signed before the stored token expires).
                publisher.RequestPublish(uri);
            }

            _isReady = true;
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <summary>Makes an offer for each row and stores the rows; returns them.</summary>
    /// <param name="rows">The valid rows of an uploaded file.</param>
    /// <param name="withPin">Whether each offer needs a PIN (given to the person separately).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<IReadOnlyList<DeskRow>> OfferAsync(IReadOnlyList<DeskCsvRow> rows, bool withPin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var issuer = _services.GetRequiredService<OpenId4VciIssuer>();
        var now = _time.GetUtcNow();
        var created = new List<DeskRow>(rows.Count);
        foreach (var row in rows)
        {
            var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest
            {
                CredentialConfigurationIds = [s_type.Name],
                SubjectId = id,
                TransactionCode = withPin ? new OfferTransactionCode { Length = 6, Description = "デスクで受け取った6桁の PIN / the 6-digit PIN from the desk" } : null,
                Lifetime = OfferLifetime,
            }, cancellationToken).ConfigureAwait(false);
            created.Add(new DeskRow
            {
                Id = id,
                CertificateNumber = row.CertificateNumber,
                DisplayName = row.DisplayName,
                CategoryCode = row.CategoryCode,
                Claims = row.Claims,
                OfferLink = offer.ByReferenceLink,
                Pin = offer.TransactionCode,
                OfferExpiresAt = offer.ExpiresAt,
                CreatedAt = now,
                State = DeskRowState.Offered,
            });
        }

        await _store.AddAsync(created, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>The issuer's dataset callback: the claims of the row the offer was made for, while it is offered.</summary>
    public async ValueTask<CredentialDataset?> ResolveDatasetAsync(CredentialIssuanceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SubjectId is not { } id || context.Vct != s_type.Vct
            || await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { State: DeskRowState.Offered } row)
        {
            return null;
        }

        foreach (var key in context.HolderKeys)
        {
            _pending[key.ComputeThumbprint()] = id;
        }

        var prepared = s_type.Prepare(row.Claims, _time.GetUtcNow());
        return new CredentialDataset { Claims = prepared.SdClaims, NotBefore = prepared.NotBefore, ExpiresAt = prepared.ExpiresAt };
    }

    /// <summary>
    /// Reads a Credential Response the issuer sent (OpenID4VCI section 8.3: <c>credentials[].credential</c>) and marks
    /// the row each credential was issued for as redeemed, with its status list entry.
    /// </summary>
    /// <param name="response">The response body (JSON).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task RecordIssuedAsync(ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default)
    {
        List<(string Id, StatusReference? Status)> issued = [];
        try
        {
            using var document = JsonDocument.Parse(response);
            if (!document.RootElement.TryGetProperty("credentials", out var credentials) || credentials.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var item in credentials.EnumerateArray())
            {
                if (item.TryGetProperty("credential", out var credential) && credential.ValueKind == JsonValueKind.String
                    && Read(credential.GetString()!) is { } found)
                {
                    issued.Add(found);
                }
            }
        }
        catch (JsonException)
        {
            return;
        }

        foreach (var (id, status) in issued)
        {
            await _store.MarkRedeemedAsync(id, _time.GetUtcNow(), status?.Uri, status?.Index, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Revokes (final), suspends or reinstates the credential of a redeemed row and asks for the list to be republished.</summary>
    /// <param name="id">The row.</param>
    /// <param name="action">What to do.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the row was in a state that allows the action.</returns>
    public async Task<bool> ChangeStatusAsync(string id, DeskStatusAction action, CancellationToken cancellationToken = default)
    {
        if (await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { StatusListUri: { } uri, StatusIndex: { } index } row)
        {
            return false;
        }

        var (from, to) = action switch
        {
            DeskStatusAction.Revoke when row.State is DeskRowState.Redeemed or DeskRowState.Suspended => (row.State, DeskRowState.Revoked),
            DeskStatusAction.Suspend when row.State == DeskRowState.Redeemed => (row.State, DeskRowState.Suspended),
            DeskStatusAction.Reinstate when row.State == DeskRowState.Suspended => (row.State, DeskRowState.Redeemed),
            _ => (row.State, row.State),
        };
        if (from == to)
        {
            return false;
        }

        var lists = _services.GetRequiredService<StatusListIssuer>();
        var reference = new StatusReference(uri, index);
        switch (action)
        {
            case DeskStatusAction.Revoke:
                await lists.RevokeAsync(reference, cancellationToken).ConfigureAwait(false);
                break;
            case DeskStatusAction.Suspend:
                await lists.SuspendAsync(reference, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await lists.UnsuspendAsync(reference, cancellationToken).ConfigureAwait(false);
                break;
        }

        var changed = await _store.SetStateAsync(id, from, to, cancellationToken).ConfigureAwait(false);

        // Verifiers see the change once the list is re-signed and served (in the background, in a moment).
        _services.GetRequiredService<IStatusListPublisher>().RequestPublish(uri);
        return changed;
    }

    /// <summary>When the served Token Status List was signed (its <c>iat</c>), or <see langword="null"/> before the first publication.</summary>
    public async Task<DateTimeOffset?> LastPublishedAsync(CancellationToken cancellationToken = default)
    {
        if (!_identity.IsReady)
        {
            return null;
        }

        var token = await _services.GetRequiredService<DeskStatusListStore>().Store.GetPublishedTokenAsync(_identity.StatusListUri, cancellationToken).ConfigureAwait(false);
        return token is null ? null : IssuedAt(token);
    }

    /// <summary>The row and status entry of an issued SD-JWT VC (this issuer's own output, so read without verifying).</summary>
    private (string Id, StatusReference? Status)? Read(string credential)
    {
        if (Payload(credential) is not { } payload)
        {
            return null;
        }

        using (payload)
        {
            var root = payload.RootElement;
            if (!root.TryGetProperty("cnf", out var cnf) || !cnf.TryGetProperty("jwk", out var jwk) || Jwk.ReadPublic(jwk) is not { IsValid: true } key
                || !_pending.TryRemove(key.Value.ComputeThumbprint(), out var id))
            {
                return null;
            }

            StatusReference? status = null;
            if (root.TryGetProperty(StatusReference.StatusClaimName, out var claim) && StatusReference.Read(claim) is { IsValid: true } read)
            {
                status = read.Value;
            }

            return (id, status);
        }
    }

    private static JsonDocument? Payload(string compact)
    {
        var jwt = compact.AsSpan();
        var tilde = jwt.IndexOf('~');
        if (tilde >= 0)
        {
            jwt = jwt[..tilde];
        }

        var first = jwt.IndexOf('.');
        var last = jwt.LastIndexOf('.');
        if (first < 0 || last <= first)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[(first + 1)..last]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? IssuedAt(string token)
    {
        using var payload = Payload(token);
        return payload is not null && payload.RootElement.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
