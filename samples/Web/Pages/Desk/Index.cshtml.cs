using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Credentials.Samples.Web.Desk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Credentials.Samples.Web.Pages.Desk;

/// <summary>
/// The desk: upload a CSV of people who passed, see an offer per person (QR, link, PIN) and its state, revoke or
/// suspend an issued certificate. Staff only (the folder's authorization convention).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = DeskCsvReader.MaxBytes + 16 * 1024)]
[RequestSizeLimit(DeskCsvReader.MaxBytes + 32 * 1024)]
public sealed class IndexModel(DeskIssuance desk, DeskLastUploads lastUploads, TimeProvider time) : PageModel
{
    /// <summary>The rows, oldest first.</summary>
    public IReadOnlyList<DeskRow> Rows { get; private set; } = [];

    /// <summary>The problems of the last upload.</summary>
    public IReadOnlyList<DeskProblem> Problems { get; private set; } = [];

    /// <summary>How many people the last upload added.</summary>
    public int? Added { get; private set; }

    /// <summary>When the served Token Status List was signed.</summary>
    public DateTimeOffset? LastPublished { get; private set; }

    /// <summary>
    /// The PINs of the offers made by this very request (row id → PIN, <see langword="null"/> for an offer without one):
    /// shown once, in this response only, and never kept.
    /// </summary>
    public IReadOnlyDictionary<string, string?> FreshPins { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The time the page is made.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The <see cref="Notice"/> of a fresh offer that lost to another one made for the row at the same moment.</summary>
    public const string NoticeSuperseded = "superseded";

    /// <summary>
    /// A change that was not possible (the row's state changed meanwhile), or <see cref="NoticeSuperseded"/>.
    /// </summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Shows the desk.</summary>
    public async Task OnGetAsync()
    {
        // The last upload's problems stay listed until the next upload (the page reloads itself when a row changes).
        if (lastUploads.Get(UserName) is { } last)
        {
            Problems = last.Problems;
            Added = last.Added;
        }

        await LoadAsync().ConfigureAwait(false);
    }

    private string UserName => User.Identity?.Name ?? string.Empty;

    /// <summary>Reads the uploaded CSV, offers a credential to each valid row, and shows every problem.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, bool withPin)
    {
        if (file is null || file.Length == 0)
        {
            Problems = [new(0, null, "CSV ファイルを選んでください。", "Choose a CSV file.")];
        }
        else if (file.Length > DeskCsvReader.MaxBytes)
        {
            Problems = [new(0, null, $"ファイルが大きすぎます（上限 {DeskCsvReader.MaxBytes / 1024} KiB）。分けてアップロードしてください。", $"The file is too large (at most {DeskCsvReader.MaxBytes / 1024} KiB). Upload it in parts.")];
        }
        else
        {
            using var content = new MemoryStream((int)file.Length);
            await file.CopyToAsync(content, HttpContext.RequestAborted).ConfigureAwait(false);
            var taken = await desk.Store.CertificateNumbersAsync(HttpContext.RequestAborted).ConfigureAwait(false);
            var read = DeskCsvReader.Read(content.GetBuffer().AsSpan(0, (int)content.Length), JapanTime.Today(time), taken);
            Problems = read.Problems;
            if (read.Rows.Count > 0)
            {
                var offers = await desk.OfferAsync(read.Rows, withPin, HttpContext.RequestAborted).ConfigureAwait(false);
                Added = offers.Count;
                Fresh(offers);
            }
            else
            {
                Added = 0;
            }
        }

        lastUploads.Set(UserName, Problems, Added);
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>
    /// Makes a fresh offer (and PIN) for a row not redeemed yet, shown in this response only; the row's earlier offer
    /// stops working.
    /// </summary>
    public async Task<IActionResult> OnPostReofferAsync(string id, bool withPin)
    {
        var reoffer = await desk.ReofferAsync(id, withPin, HttpContext.RequestAborted).ConfigureAwait(false);
        if (reoffer.Offer is not { } offer)
        {
            Notice = reoffer.Outcome == DeskReofferOutcome.Superseded ? NoticeSuperseded : "not-possible";
            return LocalRedirect(DeskAuth.DeskPath);
        }

        Fresh([offer]);
        if (lastUploads.Get(UserName) is { } last)
        {
            Problems = last.Problems;
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>Revokes an issued certificate.</summary>
    public Task<IActionResult> OnPostRevokeAsync(string id) => ChangeAsync(id, DeskStatusAction.Revoke);

    /// <summary>Suspends an issued certificate.</summary>
    public Task<IActionResult> OnPostSuspendAsync(string id) => ChangeAsync(id, DeskStatusAction.Suspend);

    /// <summary>Lifts a suspension.</summary>
    public Task<IActionResult> OnPostReinstateAsync(string id) => ChangeAsync(id, DeskStatusAction.Reinstate);

    /// <summary>Signs out.</summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(DeskAuth.Scheme).ConfigureAwait(false);
        return LocalRedirect(DeskAuth.LoginPath);
    }

    private async Task<IActionResult> ChangeAsync(string id, DeskStatusAction action)
    {
        if (!await desk.ChangeStatusAsync(id, action, HttpContext.RequestAborted).ConfigureAwait(false))
        {
            Notice = "not-possible";
        }

        return LocalRedirect(DeskAuth.DeskPath);
    }

    private void Fresh(IReadOnlyList<DeskOffer> offers)
    {
        var pins = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var offer in offers)
        {
            pins[offer.Row.Id] = offer.Pin;
        }

        FreshPins = pins;

        // The PINs are in this response only: never stored by the browser or a proxy.
        Response.Headers.CacheControl = "no-store";
    }

    private async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        Rows = await desk.Store.ListAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        LastPublished = await desk.LastPublishedAsync(HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
