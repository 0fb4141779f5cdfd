using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Dcql.Matching;

/// <summary>A claim selected by a claims path pointer: its concrete path (wildcards resolved to indices) and its value.</summary>
/// <param name="Path">The concrete path, without <see langword="null"/> components.</param>
/// <param name="Value">The claim's value.</param>
public sealed record SelectedClaim(ClaimPath Path, JsonElement Value);
