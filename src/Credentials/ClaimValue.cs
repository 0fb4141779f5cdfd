using System.Text.Json;

namespace Credentials;

/// <summary>A value selected from a JSON document by a <see cref="ClaimPath"/>, with its concrete path (no wildcards).</summary>
/// <param name="Path">The concrete path of the value.</param>
/// <param name="Value">The value.</param>
public readonly record struct ClaimValue(ClaimPath Path, JsonElement Value);
