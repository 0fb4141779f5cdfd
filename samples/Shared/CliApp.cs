using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Credentials.Samples;

/// <summary>
/// The command-line conventions of the sample apps: a root command with a recursive <c>--json</c> option, actions
/// that turn every failure into a message plus an exit code (never a stack trace), and one entry point that both
/// <c>Main</c> and in-process tests call.
/// </summary>
/// <example>
/// <code>
/// var host = CliHost.CreateSystem();
/// var root = CliApp.CreateRootCommand("holder");
/// var list = new Command("list");
/// list.SetCliAction(host, async (ctx, ct) => ctx.Result(new JsonObject { ["count"] = 0 }, c => c.WriteLine("none")));
/// root.Subcommands.Add(list);
/// return await CliApp.InvokeAsync(root, args, host);
/// </code>
/// </example>
public static class CliApp
{
    /// <summary>The name of the recursive option that switches every command to JSON output.</summary>
    public const string JsonOptionName = "--json";

    private static readonly ConditionalWeakTable<RootCommand, string> s_names = new();

    /// <summary>
    /// Creates a root command with the shared <c>--json</c> option (recursive: valid on every subcommand). The app adds
    /// its commands, then sets the help text of the whole tree with <see cref="CliHelp.Apply"/>.
    /// </summary>
    public static RootCommand CreateRootCommand(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var root = new RootCommand();
        s_names.AddOrUpdate(root, name);

        root.Options.Add(new Option<bool>(JsonOptionName)
        {
            Recursive = true,
        });
        return root;
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public static bool IsJson(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        try
        {
            return parseResult.GetValue<bool>(JsonOptionName);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sets the action of <paramref name="command"/>: runs <paramref name="action"/> with a <see cref="CliContext"/>
    /// and maps every exception to a reported error and its exit code.
    /// </summary>
    public static void SetCliAction(this Command command, CliHost host, Func<CliContext, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = new CliContext(parseResult, host);
            try
            {
                return await action(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                return Report(host, context.Json, ex);
            }
        });
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the selected command. Parse errors are reported as
    /// <see cref="CliErrors.UsageCode"/> with exit code <see cref="ExitCodes.Usage"/>; <c>--help</c> prints help to
    /// the host's output; nothing escapes as an exception.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var json = args.Contains(JsonOptionName, StringComparer.Ordinal);

        // System.CommandLine's own text (Usage, Options, parse errors) in the host's language. The culture flows with
        // this call only (it is async-local), so runs in parallel do not see each other's.
        CultureInfo.CurrentUICulture = host.Language == UiLanguage.Japanese ? CultureInfo.GetCultureInfo("ja-JP") : CultureInfo.GetCultureInfo("en-US");
        try
        {
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
            {
                var commandPath = string.Join(' ', GetCommandPath(parseResult));
                var message = string.Join(" ", parseResult.Errors.Select(e => e.Message.TrimEnd('.') + "."));
                return Report(host, json, new CliException(CliErrors.Usage(message, commandPath)));
            }

            var configuration = new InvocationConfiguration
            {
                Output = host.Output,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Report(host, json, ex);
        }
    }

    /// <summary>Reports <paramref name="exception"/> the way every sample app does and returns its exit code.</summary>
    public static int Report(CliHost host, bool json, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(exception);
        var error = ToError(exception);
        Report(host, json, error);
        if (error.Code == CliErrors.UnexpectedCode && host.Debug)
        {
            host.Error.WriteLine(exception.ToString());
        }

        return error.ExitCode;
    }

    /// <summary>Reports <paramref name="error"/>: a JSON document on standard output with <c>--json</c>, else two lines on standard error.</summary>
    public static void Report(CliHost host, bool json, CliError error)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        if (json)
        {
            var errorJson = new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Message,
                ["hint"] = error.Hint,
                ["exitCode"] = error.ExitCode,
            };
            foreach (var (name, value) in error.Details ?? [])
            {
                errorJson[name] = value?.DeepClone();
            }

            var document = new JsonObject { ["error"] = errorJson };
            CliJson.WriteResult(host.Output, document, ok: false);
            return;
        }

        var prefix = host.Language.Pick("エラー", "error");
        host.ErrorConsole.WriteLine($"[red]{prefix}[/] [grey]({Markup.Escape(error.Code)})[/]: ", error.Message);
        if (error.Hint is not null)
        {
            host.ErrorConsole.WriteLine("  ", error.Hint);
        }
    }

    /// <summary>Maps an exception to the error reported for it.</summary>
    public static CliError ToError(Exception exception) => exception switch
    {
        CliException cli => cli.Error,
        OperationCanceledException => CliErrors.Cancelled(),
        CredentialClaimsException claims => CliErrors.InvalidClaims(claims.Source ?? "claims", claims.Problems),
        UnauthorizedAccessException access => new CliError(CliErrors.FileUnreadableCode, CliErrors.Reason(access), "Check the file permissions."),
        System.IO.IOException io when CliFiles.IsDiskFull(io) => new CliError(CliErrors.DiskFullCode, "The disk is full: " + CliErrors.Reason(io), "Free some disk space and run the command again.", ExitCodes.OutputError),
        System.IO.IOException io => new CliError(CliErrors.WriteFailedCode, CliErrors.Reason(io), "Check the path and that the disk is writable.", ExitCodes.OutputError),
        JsonException jsonException => new CliError(CliErrors.MalformedJsonCode, "A JSON input is not valid: " + CliErrors.Reason(jsonException), "Fix the JSON input."),
        CryptographicException crypto => new CliError(CliErrors.MalformedJwkCode, "A key could not be used: " + CliErrors.Reason(crypto), "Pass a key written by 'keys create'."),
        _ => CliErrors.Unexpected(exception),
    };

    private static List<string> GetCommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? RootName(parseResult) : result.Command.Name);
        }

        names.Reverse();
        return names;
    }

    private static string RootName(ParseResult parseResult)
        => parseResult.RootCommandResult.Command is RootCommand root && s_names.TryGetValue(root, out var name) ? name : parseResult.RootCommandResult.Command.Name;
}
