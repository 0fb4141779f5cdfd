using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder;

/// <summary>A claim shown on the consent screen: what it is, in the user's language, and the value that would be sent.</summary>
/// <param name="Path">The claim's path in the credential.</param>
/// <param name="Label">The label in the user's language (type metadata), or the path in a readable form.</param>
/// <param name="Value">The value the verifier would learn. Escape it for the context it is shown in.</param>
/// <param name="IsOptional">For requested claims: the user can drop it because another <c>claim_sets</c> option answers without it.</param>
public sealed record PlannedClaim(ClaimPath Path, string Label, JsonElement Value, bool IsOptional = false)
{
    /// <summary>
    /// For an mdoc data element: the query's <c>intent_to_retain</c> (OpenID4VP 1.0 Appendix B.2.4), <see langword="true"/>
    /// when the verifier says it will keep the value; <see langword="null"/> when not stated or not an mdoc.
    /// </summary>
    public bool? IntentToRetain { get; init; }
}
