using System;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Credentials.Samples;

/// <summary>
/// A progress bar for long work (batch issuance, imports). Drawn on standard error when a person is watching and
/// <c>--json</c> is off; otherwise the work runs silently. The report callback is thread-safe.
/// </summary>
public static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which calls its argument once per finished item.</summary>
    /// <param name="context">The command context (decides whether to draw).</param>
    /// <param name="description">What is being done ("Issuing credentials").</param>
    /// <param name="total">How many items there are.</param>
    /// <param name="work">The work; call the <see cref="Action"/> after each item, from any thread.</param>
    public static async Task RunAsync(CliContext context, string description, long total, Func<Action, Task> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (context.Json || !context.Host.IsInteractive || total <= 0)
        {
            await work(static () => { }).ConfigureAwait(false);
            return;
        }

        await context.Host.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: total);
                long done = 0;
                await work(() =>
                {
                    var value = Interlocked.Increment(ref done);
                    task.Value = value;
                }).ConfigureAwait(false);
                task.Value = total;
            }).ConfigureAwait(false);
    }
}
