namespace Credentials.Samples;

/// <summary>
/// The exit codes shared by the sample apps. Scripts can rely on 0 meaning success and anything else meaning failure;
/// the specific values say which kind of failure it was.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, and the answer is "no" (for example a presentation failed verification).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing required option, bad value.</summary>
    public const int Usage = 2;

    /// <summary>An input (a file, a key, a claims document, a type name) is missing or malformed.</summary>
    public const int InputError = 3;

    /// <summary>An output could not be written (for example the file exists and <c>--force</c> was not given).</summary>
    public const int OutputError = 4;

    /// <summary>A bug or an environment problem the app did not anticipate.</summary>
    public const int Unexpected = 70;

    /// <summary>The user cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
