namespace Credentials.Status;

/// <summary>What a <see cref="IStatusListStore"/> knows about one Status List.</summary>
/// <param name="Uri">The list's URI (the Status List Token's <c>sub</c>).</param>
/// <param name="Bits">Bits per entry: 1, 2, 4 or 8.</param>
/// <param name="Capacity">How many indices may be allocated (0 to <paramref name="Capacity"/> - 1).</param>
/// <param name="Allocated">How many indices have been allocated so far (never reused).</param>
public sealed record StatusListInfo(string Uri, int Bits, long Capacity, long Allocated);
