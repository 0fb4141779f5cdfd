using System.CommandLine;

namespace Credentials.Samples.Issuer;

/// <summary>Options shared by <c>issue</c> and <c>batch</c>.</summary>
internal sealed class IssueOptions
{
    public Option<string> Key { get; } = new("--key") { Description = "The issuer's private JWK file (from 'issuer keys create').", Required = true };

    public Option<string?> Issuer { get; } = new("--issuer") { Description = "The 'iss' value: an https URL or the key's DID. Default: the key's did:key (verifiers can then trust the DID)." };

    public Option<string?> StatusList { get; } = new("--status-list") { Description = "A SQLite status list database (created if missing); the credential gets a Token Status List entry." };

    public Option<string?> StatusUri { get; } = new("--status-uri") { Description = "The URL where the status list will be published (required with --status-list)." };

    public Option<bool> Force { get; } = new("--force") { Description = "Overwrite existing output files." };

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
