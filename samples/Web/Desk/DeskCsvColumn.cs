namespace Credentials.Samples.Web.Desk;

/// <summary>One column of the desk's CSV file.</summary>
/// <param name="Name">The name in the header line (<c>certificate_number</c>).</param>
/// <param name="Required">Whether the header must have it and every row a value.</param>
/// <param name="Japanese">The column's name for staff, in Japanese.</param>
/// <param name="English">The column's name for staff, in English.</param>
public sealed record DeskCsvColumn(string Name, bool Required, string Japanese, string English);
