namespace Credentials.Samples.Web.Desk;

/// <summary>One problem found in an uploaded CSV file, in plain words in both languages; never contains a value from the file.</summary>
/// <param name="Line">The line of the file (1 is the header), or 0 for the whole file.</param>
/// <param name="Column">The column's name in the header, or <see langword="null"/> for the whole line or file.</param>
/// <param name="Japanese">What is wrong, in Japanese.</param>
/// <param name="English">What is wrong, in English.</param>
public sealed record DeskProblem(int Line, string? Column, string Japanese, string English);
