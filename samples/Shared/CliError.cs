using System.Text.Json.Nodes;

namespace Credentials.Samples;

/// <summary>
/// A failure the user can act on: a stable dotted <see cref="Code"/> for scripts, a <see cref="Message"/> that says
/// what went wrong, a <see cref="Hint"/> that says what to do, and the process <see cref="ExitCode"/>.
/// </summary>
/// <param name="Code">Stable, dotted, lowercase (for example <c>cli.file_not_found</c>).</param>
/// <param name="Message">What went wrong, in one sentence. Never contains key material or claim values.</param>
/// <param name="Hint">What to do about it, or <see langword="null"/>.</param>
/// <param name="ExitCode">One of <see cref="ExitCodes"/>.</param>
public sealed record CliError(string Code, string Message, string? Hint = null, int ExitCode = ExitCodes.InputError)
{
    /// <summary>
    /// Facts about the failure for scripts, added to the <c>--json</c> error object (for example the <c>url</c> that
    /// could not be reached and the <c>cause</c>); <see langword="null"/> when there are none.
    /// </summary>
    public JsonObject? Details { get; init; }
}
