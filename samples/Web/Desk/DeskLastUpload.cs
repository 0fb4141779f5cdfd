using System.Collections.Generic;

namespace Credentials.Samples.Web.Desk;

/// <summary>What one upload gave: its problems (no values from the file) and how many people it added.</summary>
/// <param name="Problems">The problems found.</param>
/// <param name="Added">How many people were added, or <see langword="null"/> when the file was not read.</param>
public sealed record DeskLastUpload(IReadOnlyList<DeskProblem> Problems, int? Added);
