using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Credentials.Samples;

/// <summary>
/// What a command's action gets: the parse result, the host, and whether the user asked for <c>--json</c>.
/// An action ends with <see cref="Result"/> (success) or throws a <see cref="CliException"/> (failure).
/// </summary>
public sealed class CliContext
{
    internal CliContext(ParseResult parseResult, CliHost host)
    {
        ParseResult = parseResult;
        Host = host;
        Json = CliApp.IsJson(parseResult);
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult ParseResult { get; }

    /// <summary>The host (streams, clock, language).</summary>
    public CliHost Host { get; }

    /// <summary>Whether output must be machine-readable JSON.</summary>
    public bool Json { get; }

    /// <summary>The label language.</summary>
    public UiLanguage Language => Host.Language;

    /// <summary>The human-readable console over standard output.</summary>
    public IAnsiConsole Console => Host.Console;

    /// <summary>The value of an option.</summary>
    public T? GetValue<T>(Option<T> option) => ParseResult.GetValue(option);

    /// <summary>The value of an argument.</summary>
    public T? GetValue<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>
    /// Writes a successful result: the JSON document with <c>--json</c> (one document on standard output, with
    /// <c>"ok": true</c> added first), else the human rendering. Returns <see cref="ExitCodes.Success"/>.
    /// </summary>
    /// <param name="json">The machine-readable result.</param>
    /// <param name="human">Writes the human-readable result to the console.</param>
    public int Result(JsonObject json, Action<IAnsiConsole> human)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(human);
        if (Json)
        {
            CliJson.WriteResult(Host.Output, json, ok: true);
        }
        else
        {
            human(Console);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes a negative answer that is not an error of use (for example "verification failed"): the JSON document
    /// with <c>"ok": false</c>, else the human rendering. Returns <paramref name="exitCode"/>.
    /// </summary>
    public int NegativeResult(JsonObject json, Action<IAnsiConsole> human, int exitCode = ExitCodes.Failure)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(human);
        if (Json)
        {
            CliJson.WriteResult(Host.Output, json, ok: false);
        }
        else
        {
            human(Console);
        }

        return exitCode;
    }

    /// <summary>A progress or status line for people: on standard error, and only without <c>--json</c>.</summary>
    public void Status(string message)
    {
        if (!Json)
        {
            Host.ErrorConsole.Write(new Text(message, new Style(Color.Grey)));
            Host.ErrorConsole.WriteLine();
        }
    }

    /// <summary>A warning: on standard error in both modes (JSON output stays a single document).</summary>
    public void Warn(string message)
    {
        Host.ErrorConsole.Write(new Text(Language.Pick("警告: ", "warning: ") + message, new Style(Color.Yellow)));
        Host.ErrorConsole.WriteLine();
    }
}
