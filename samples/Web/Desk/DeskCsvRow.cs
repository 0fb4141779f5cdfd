using System.Text.Json.Nodes;

namespace Credentials.Samples.Web.Desk;

/// <summary>One person from an uploaded CSV file whose fields passed every check: the claims of their <c>ipa-exam</c> credential.</summary>
/// <param name="Line">The line of the file.</param>
/// <param name="CertificateNumber">The 合格証書番号 (unique per person).</param>
/// <param name="DisplayName">The person's name as staff read it (family name, then given name).</param>
/// <param name="CategoryCode">The exam category code (<c>FE</c>).</param>
/// <param name="Claims">The claims document, checked against the credential type.</param>
public sealed record DeskCsvRow(int Line, string CertificateNumber, string DisplayName, string CategoryCode, JsonObject Claims);
