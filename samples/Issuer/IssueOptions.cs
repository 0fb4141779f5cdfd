using System.CommandLine;

namespace Credentials.Samples.Issuer;

/// <summary>Options shared by <c>issue</c> and <c>batch</c>.</summary>
internal sealed class IssueOptions
{
    public Option<string> Key { get; } = new("--key") { Required = true };

    public Option<string?> Issuer { get; } = new("--issuer");

    public Option<string?> StatusList { get; } = new("--status-list");

    public Option<string?> StatusUri { get; } = new("--status-uri");

    public Option<bool> Force { get; } = new("--force");

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(Issuer);
        command.Options.Add(StatusList);
        command.Options.Add(StatusUri);
        command.Options.Add(Force);
        command.Validators.Add(result =>
        {
            var hasList = result.GetValue(StatusList) is not null;
            var hasUri = result.GetValue(StatusUri) is not null;
            if (hasList != hasUri)
            {
                result.AddError("--status-list and --status-uri go together: give both or neither.");
            }
        });
    }
}
