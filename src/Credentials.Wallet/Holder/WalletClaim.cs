using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Wallet.Holder;

/// <summary>A claim of a stored credential with its label in the user's language.</summary>
/// <param name="Path">The claim's path in the credential.</param>
/// <param name="Label">The label from type metadata, or the path in a readable form.</param>
/// <param name="Description">The claim's description from type metadata, if any.</param>
/// <param name="Value">The value. Escape it for the context it is shown in.</param>
/// <param name="IsSelectivelyDisclosable">Whether the claim (or a claim it sits in) is selectively disclosable; <see langword="false"/> means every presentation shows it.</param>
public sealed record WalletClaim(ClaimPath Path, string Label, string? Description, JsonElement Value, bool IsSelectivelyDisclosable);
