using System.Text.RegularExpressions;

namespace Credentials.Samples;

internal static partial class SamplePatterns
{
    [GeneratedRegex(@"^[\p{IsKatakana}ー・　 ]+$")]
    public static partial Regex Katakana();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z' \-]*$")]
    public static partial Regex Romaji();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{5}$")]
    public static partial Regex IpaCertificateNumber();

    [GeneratedRegex(@"^\d{12}$")]
    public static partial Regex LicenceNumber();
}
