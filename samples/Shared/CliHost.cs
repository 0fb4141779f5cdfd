using System;
using System.IO;
using System.Text;
using Spectre.Console;

namespace Credentials.Samples;

/// <summary>
/// Everything a command touches outside itself: standard output and error, the clock, the language and the
/// environment. The apps get <see cref="CreateSystem"/>; tests build one over <see cref="StringWriter"/>s and run
/// the root command in-process.
/// </summary>
/// <remarks>
/// Results go to <see cref="Output"/> (as JSON with <c>--json</c>); errors, warnings and progress go to
/// <see cref="Error"/>, so a script can pipe the output of one command into another.
/// </remarks>
public sealed class CliHost
{
    // Wider than any message: Spectre wraps text at the profile's width, so this never wraps.
    private const int NoWrapWidth = 1 << 20;

    private readonly Func<string, string?> _environment;

    /// <summary>Creates a host over the given writers.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="language">The label language; detected from <paramref name="environment"/> when <see langword="null"/>.</param>
    /// <param name="environment">Environment variables; the process environment when <see langword="null"/>.</param>
    /// <param name="interactive">Whether a person is watching a terminal (colours, progress bars, prompts).</param>
    /// <param name="input">Standard input; empty when <see langword="null"/>.</param>
    /// <param name="errorIsTerminal">
    /// Whether standard error is a terminal; <paramref name="interactive"/> when <see langword="null"/>. Messages there
    /// are wrapped at the terminal's width; in a file or a pipe each stays on one line.
    /// </param>
    public CliHost(TextWriter output, TextWriter error, TimeProvider? timeProvider = null, UiLanguage? language = null, Func<string, string?>? environment = null, bool interactive = false, TextReader? input = null, bool? errorIsTerminal = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Output = output;
        Error = error;
        Input = input ?? TextReader.Null;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        Language = language ?? UiLanguages.Detect(_environment);
        IsInteractive = interactive;
        ErrorIsTerminal = errorIsTerminal ?? interactive;
        Console = CreateConsole(output, interactive, wrap: true);
        ErrorConsole = CreateConsole(error, ErrorIsTerminal, wrap: ErrorIsTerminal);
    }

    /// <summary>Standard output: results only.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: errors, warnings, progress.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input (for prompts and piped input).</summary>
    public TextReader Input { get; }

    /// <summary>A Spectre console over <see cref="Output"/> for tables and colours.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>A Spectre console over <see cref="Error"/> for progress bars and diagnostics.</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>The clock every command uses (issuance times, "today" in JST, expiry).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The language for labels.</summary>
    public UiLanguage Language { get; }

    /// <summary>Whether a person is watching a terminal.</summary>
    public bool IsInteractive { get; }

    /// <summary>Whether standard error is a terminal (then messages wrap at its width; otherwise never).</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>Whether <c>CREDENTIALS_DEBUG</c> is set: unexpected errors then include their stack trace.</summary>
    public bool Debug => GetEnvironmentVariable("CREDENTIALS_DEBUG") is { Length: > 0 } v && v != "0";

    /// <summary>Reads an environment variable through the host (tests can supply their own).</summary>
    public string? GetEnvironmentVariable(string name) => _environment(name);

    /// <summary>The host for a real process: the console's streams in UTF-8, the system clock and language.</summary>
    public static CliHost CreateSystem()
    {
        System.Console.OutputEncoding = Encoding.UTF8;
        var interactive = !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected;
        return new CliHost(System.Console.Out, System.Console.Error, interactive: interactive, input: System.Console.In, errorIsTerminal: !System.Console.IsErrorRedirected);
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool interactive, bool wrap)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!wrap)
        {
            // A file or a pipe: a message stays on one line, however long (a log is read by grep, not by eye).
            console.Profile.Width = NoWrapWidth;
        }
        else if (!interactive)
        {
            // Redirected or captured output: wide enough that tables do not wrap in logs and tests.
            console.Profile.Width = 160;
        }

        return console;
    }
}
