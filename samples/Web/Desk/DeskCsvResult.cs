using System.Collections.Generic;

namespace Credentials.Samples.Web.Desk;

/// <summary>What an uploaded CSV file holds: the people whose rows are valid, and every problem found.</summary>
/// <param name="Rows">The valid rows, in file order.</param>
/// <param name="Problems">The problems (a row with a problem is not in <paramref name="Rows"/>).</param>
public sealed record DeskCsvResult(IReadOnlyList<DeskCsvRow> Rows, IReadOnlyList<DeskProblem> Problems)
{
    /// <summary>Whether the file has no problem at all.</summary>
    public bool IsClean => Problems.Count == 0;
}
