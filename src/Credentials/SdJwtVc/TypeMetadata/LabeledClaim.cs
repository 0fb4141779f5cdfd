using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>A claim of a credential with its label in the user's language, ready to show.</summary>
/// <param name="Path">The claim's concrete path in the processed payload.</param>
/// <param name="Label">The label from the claim metadata, or, when there is none, the path in a readable form (<c>address.street_address</c>, <c>degrees[0]</c>).</param>
/// <param name="Description">The description from the claim metadata in the same locale, if any.</param>
/// <param name="Value">The claim's value. Escape it (and the label) for the context it is shown in.</param>
/// <param name="Metadata">The claim metadata that applies, if any.</param>
/// <param name="HasLabel">Whether <paramref name="Label"/> came from the metadata rather than the path.</param>
public sealed record LabeledClaim(ClaimPath Path, string Label, string? Description, JsonElement Value, ClaimMetadata? Metadata, bool HasLabel);
