using System.Threading.Tasks;
using Credentials.Samples.Web.Shop;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Credentials.Samples.Web.Pages.Shop;

/// <summary>
/// The answer, shown once: the verified answer cookie is read, checked against the policy
/// <c>RequireVerifiedClaim("age_over_20", true)</c> and deleted in the same response, so nothing of the customer stays
/// in this browser. A refusal carries only its reason (<c>?reason=</c>); "20 or over" comes only from the policy.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ResultModel(IAuthorizationService authorization, ShopAnswerLedger ledger) : PageModel
{
    /// <summary>The answer.</summary>
    public ShopAnswer Answer { get; private set; }

    /// <summary>Reads and forgets the answer.</summary>
    /// <param name="reason">The refusal's reason, when the presentation failed.</param>
    public async Task<IActionResult> OnGetAsync(string? reason)
    {
        var answer = await HttpContext.AuthenticateAsync(ShopExtensions.AnswerScheme);
        if (answer.Succeeded)
        {
            await HttpContext.SignOutAsync(ShopExtensions.AnswerScheme);
            if (!ledger.TryUse(answer.Principal))
            {
                // A copy of an answer already shown (or one without its one-time id): start over.
                return Redirect("/shop");
            }

            // Either credential of the query's credential set: the SD-JWT VC's age_over_20 or the age mdoc's.
            var over20 = (await authorization.AuthorizeAsync(answer.Principal, HttpContext, ShopExtensions.Over20Policy)).Succeeded
                || (await authorization.AuthorizeAsync(answer.Principal, HttpContext, ShopExtensions.Over20MdocPolicy)).Succeeded;
            Answer = over20 ? ShopAnswer.Over20
                : answer.Principal.HasClaim(c => c.Type is "age_over_20" or ShopVerifier.MdocAgeOver20Claim) ? ShopAnswer.Under20
                : ShopAnswer.NotShared;
            return Page();
        }

        if (reason is null)
        {
            return Redirect("/shop");
        }

        Answer = ShopAnswers.FromToken(reason);
        return Page();
    }
}
