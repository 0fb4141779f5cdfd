using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore;
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

    /// <summary>Makes an offer for each row and stores the rows; returns them with their PINs (shown once, never stored).</summary>
    /// <param name="rows">The valid rows of an uploaded file.</param>
    /// <param name="withPin">Whether each offer needs a PIN (given to the person separately).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<IReadOnlyList<DeskOffer>> OfferAsync(IReadOnlyList<DeskCsvRow> rows, bool withPin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var created = new List<DeskOffer>(rows.Count);
        foreach (var row in rows)
        {
            var (offer, subject) = await CreateOfferAsync(withPin, cancellationToken).ConfigureAwait(false);
            created.Add(new DeskOffer(
                new DeskRow
                {
                    Id = NewId(),
                    CertificateNumber = row.CertificateNumber,
                    DisplayName = row.DisplayName,
                    CategoryCode = row.CategoryCode,
                    Claims = row.Claims,
                    OfferLink = offer.ByReferenceLink,
                    OfferSubject = subject,
                    HasPin = offer.TransactionCode is not null,
                    OfferExpiresAt = offer.ExpiresAt,
                    CreatedAt = now,
                    State = DeskRowState.Offered,
                },
                offer.TransactionCode));
        }

        await _store.AddAsync(created.ConvertAll(c => c.Row), cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>
    /// Makes a fresh offer (new pre-authorized code, new PIN when <paramref name="withPin"/>) for a row that is not
    /// redeemed yet, for example when the PIN was lost or the offer expired. The earlier offer stops working: a wallet
    /// redeeming it is refused (<c>credential_request_denied</c>), because the issuer's subject id now names nothing.
    /// Of two fresh offers made for one row at the same moment only one is kept (and its PIN shown); the other request
    /// learns it was <see cref="DeskReofferOutcome.Superseded"/>.
    /// </summary>
    /// <param name="id">The row.</param>
    /// <param name="withPin">Whether the new offer needs a PIN.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What became of the request, with the row and its new PIN when the offer was made.</returns>
    public async Task<DeskReoffer> ReofferAsync(string id, bool withPin, CancellationToken cancellationToken = default)
    {
        if (await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { State: DeskRowState.Offered } row)
        {
            return new DeskReoffer(DeskReofferOutcome.NotOffered, null);
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (offer, subject) = await CreateOfferAsync(withPin, cancellationToken).ConfigureAwait(false);

        // A compare-and-swap on the offer read above: a concurrent fresh offer (or a redemption) in between wins, and
        // this one's offer names no row, so a wallet redeeming it is refused.
        if (!await _store.ReplaceOfferAsync(id, row.OfferSubject, offer.ByReferenceLink, subject, offer.TransactionCode is not null, offer.ExpiresAt, cancellationToken).ConfigureAwait(false))
        {
            return await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { State: DeskRowState.Offered }
                ? new DeskReoffer(DeskReofferOutcome.Superseded, null)
                : new DeskReoffer(DeskReofferOutcome.NotOffered, null);
        }

        return new DeskReoffer(DeskReofferOutcome.Made, new DeskOffer((await _store.GetAsync(id, cancellationToken).ConfigureAwait(false))!, offer.TransactionCode));
    }

    /// <summary>
    /// The issuer's dataset callback: the claims of the row whose current offer the wallet redeems (the grant's subject
    /// id), while it is offered. An earlier offer of a row that got a fresh one names no row and is refused.
    /// </summary>
    public async ValueTask<CredentialDataset?> ResolveDatasetAsync(CredentialIssuanceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SubjectId is not { } subject || context.Vct != s_type.Vct
            || await _store.GetByOfferSubjectAsync(subject, cancellationToken).ConfigureAwait(false) is not { State: DeskRowState.Offered } row)
        {
            return null;
        }

        var prepared = s_type.Prepare(row.Claims, _time.GetUtcNow());
        return new CredentialDataset { Claims = prepared.SdClaims, NotBefore = prepared.NotBefore, ExpiresAt = prepared.ExpiresAt };
    }

    /// <summary>
    /// The issuer endpoint's report of a successful Credential Request: marks the row of the redeemed offer (its subject
    /// id, whatever holder key the wallet used) as redeemed, with the credential's status list entry. When no row is
    /// offered under that subject id any more (a fresh offer replaced it while the wallet was redeeming it), the
    /// credentials just signed are revoked and this throws: the endpoint then answers HTTP 500 and the wallet gets
    /// nothing, so no credential is out that the desk could not revoke; the row stays offered, with its fresh offer.
    /// </summary>
    /// <param name="issued">What was issued, and for which offer.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="InvalidOperationException">No row is offered under the redeemed offer's subject id.</exception>
    public async Task RecordIssuedAsync(CredentialIssuedContext issued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issued);
        if (issued.SubjectId is not { } subject)
        {
            return;
        }

        var status = issued.StatusReferences.Count > 0 ? issued.StatusReferences[0] : null;
        // Not the request's token: a wallet going away now must not leave a signed credential unrecorded on the desk.
        if (await _store.MarkRedeemedAsync(subject, _time.GetUtcNow(), status?.Uri, status?.Index, CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }

        if (issued.StatusReferences.Count > 0)
        {
            // Not the request's token: the revocation must happen even when the wallet has gone away meanwhile.
            var lists = _services.GetRequiredService<StatusListIssuer>();
            foreach (var reference in issued.StatusReferences)
            {
                await lists.RevokeAsync(reference, CancellationToken.None).ConfigureAwait(false);
            }

            var publisher = _services.GetRequiredService<IStatusListPublisher>();
            foreach (var uri in issued.StatusReferences.Select(r => r.Uri).Distinct(StringComparer.Ordinal))
            {
                publisher.RequestPublish(uri);
            }
        }

        throw new InvalidOperationException("The redeemed offer names no offered row (a fresh offer replaced it meanwhile); the credentials were revoked and are withheld.");
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

    private async Task<(CreatedCredentialOffer Offer, string Subject)> CreateOfferAsync(bool withPin, CancellationToken cancellationToken)
    {
        // Each offer has its own subject id: what the issuer hands back when this very offer is redeemed.
        var subject = NewId();
        var offer = await _services.GetRequiredService<OpenId4VciIssuer>().CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = [s_type.Name],
            SubjectId = subject,
            TransactionCode = withPin ? new OfferTransactionCode { Length = 6, Description = "デスクで受け取った6桁の PIN / the 6-digit PIN from the desk" } : null,
            Lifetime = OfferLifetime,
        }, cancellationToken).ConfigureAwait(false);
        return (offer, subject);
    }

    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

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
