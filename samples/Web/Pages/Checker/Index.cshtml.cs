using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Samples.Web.Checker;
using Credentials.Trust;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Credentials.Samples.Web.Pages.Checker;

/// <summary>
/// The credential checker page: a credential is pasted into the text area or sent as a file (chosen, or dropped on
/// the page: <c>checker.js</c> puts a dropped file into the file input); the form post is checked once and the result
/// shown. Nothing is stored, and the response is not cached.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = CredentialChecker.MaxCredentialBytes + 1024)]
public sealed class IndexModel(CredentialChecker checker) : PageModel
{
    // The form carries one credential of at most MaxCredentialBytes, as text or as a file, plus small fields.
    private const int RequestLimit = (2 * CredentialChecker.MaxCredentialBytes) + (64 * 1024);

    /// <summary>The pasted credential (kept in the text area after a check, so it can be corrected).</summary>
    [BindProperty]
    public string? CredentialText { get; set; }

    /// <summary>The result of the check, after a post.</summary>
    public CheckReport? Report { get; private set; }

    /// <summary>The issuers trusted now (shown so "trusted" means something definite).</summary>
    public IReadOnlyList<TrustedIssuer> Trusted { get; private set; } = [];

    /// <summary>Shows the empty form.</summary>
    public void OnGet() => Trusted = checker.TrustedIssuers();

    /// <summary>Checks the file, else the pasted text.</summary>
    /// <param name="credentialFile">The chosen or dropped file, if any.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public async Task<IActionResult> OnPostAsync(IFormFile? credentialFile, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Trusted = checker.TrustedIssuers();
        ReadOnlyMemory<byte> credential;
        if (credentialFile is { Length: > 0 })
        {
            if (credentialFile.Length > CredentialChecker.MaxCredentialBytes)
            {
                Report = CredentialChecker.TooLarge;
                return Page();
            }

            using var buffer = new MemoryStream((int)credentialFile.Length);
            await using (var stream = credentialFile.OpenReadStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            credential = buffer.ToArray();
            CredentialText = null;
        }
        else
        {
            credential = Encoding.UTF8.GetBytes(CredentialText ?? string.Empty);
        }

        Report = await checker.CheckAsync(credential, cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
