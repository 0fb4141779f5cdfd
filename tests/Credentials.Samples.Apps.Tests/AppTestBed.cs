using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Samples.Holder;
using Credentials.Samples.Verifier;

namespace Credentials.Samples.Apps.Tests;

/// <summary>What one in-process run of an app produced.</summary>
public sealed record AppRun(int ExitCode, string Output, string Error)
{
    /// <summary>The single JSON document on standard output (runs with --json).</summary>
    public JsonObject Json => JsonNode.Parse(Output)!.AsObject();

    /// <summary>The error code of a failed --json run.</summary>
    public string? ErrorCode => (string?)Json["error"]?["code"];

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// A temporary folder with a wallet, an issuer key and the sample age type; runs the holder and verifier apps
/// in-process with captured output and a private environment.
/// </summary>
public sealed class AppTestBed : IDisposable
{
    public const string Passphrase = "correct horse battery staple 正しい";

    private static readonly Lazy<JsonObject> s_ageMetadata = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "credential-types", "age.json")))!.AsObject());

    public AppTestBed()
    {
        Directory = Path.Combine(Path.GetTempPath(), "credentials-apps-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Environment[HolderApp.PassphraseVariable] = Passphrase;
        Environment[UiLanguages.OverrideVariable] = "en";
        IssuerKey = SigningKey.Create(JwsAlgorithm.Es256);
        IssuerPublicJwkPath = Write("issuer.pub.jwk", IssuerKey.PublicJwk.ToJson());
    }

    public string Directory { get; }

    public string WalletPath => Path.Combine(Directory, "wallet.db");

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public SigningKey IssuerKey { get; }

    public string IssuerPublicJwkPath { get; }

    public string IssuerId { get; } = "https://issuer.example.jp";

    /// <summary>The sample age type (specs/credential-types/age.json as copied next to the apps).</summary>
    public static JsonObject AgeMetadata => s_ageMetadata.Value;

    public static string AgeVct => (string)AgeMetadata["vct"]!;

    public static string TypeName(string locale)
        => AgeMetadata["display"]!.AsArray().First(d => (string?)d!["locale"] == locale)!["name"]!.GetValue<string>();

    public static string ClaimLabel(string claim, string locale)
        => AgeMetadata["claims"]!.AsArray()
            .First(c => c!["path"]!.AsArray().Count == 1 && (string?)c["path"]![0] == claim)!["display"]!.AsArray()
            .First(d => (string?)d!["locale"] == locale)!["label"]!.GetValue<string>();

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string contents)
    {
        var path = PathOf(name);
        File.WriteAllText(path, contents);
        return path;
    }

    public Task<AppRun> HolderAsync(params string[] args) => RunAsync(HolderApp.RunAsync, args);

    public Task<AppRun> VerifierAsync(params string[] args) => RunAsync(VerifierApp.RunAsync, args);

    public Task<AppRun> IssuerAsync(params string[] args)
        => RunAsync((a, host) => CliApp.InvokeAsync(Credentials.Samples.Issuer.IssuerApp.CreateRootCommand(host), a, host), args);

    /// <summary>Runs the holder with --wallet and --json and returns the JSON result (asserting success).</summary>
    public async Task<JsonObject> HolderJsonAsync(params string[] args)
    {
        var run = await HolderAsync([.. args, "--wallet", WalletPath, "--json"]);
        Xunit.Assert.True(run.ExitCode == 0, run.ToString());
        return run.Json;
    }

    /// <summary>init → keys create → keys export --public; returns the holder's public JWK file.</summary>
    public async Task<string> CreateWalletWithKeyAsync(string alg = "ES256")
    {
        await HolderJsonAsync("init");
        await HolderJsonAsync("keys", "create", "--alg", alg);
        var path = PathOf("holder.pub.jwk");
        await HolderJsonAsync("keys", "export", "--public", "--out", path);
        return path;
    }

    /// <summary>Issues an age credential (the sample type's claims, sd as its metadata says) bound to the holder key.</summary>
    public async Task<string> IssueAgeCredentialAsync(string holderPublicJwkPath, SigningKey? signer = null, string? issuer = null, string name = "age.sdjwt")
    {
        var holderKey = Jwk.Parse(File.ReadAllText(holderPublicJwkPath));
        var claims = SdJwtPayload.Create();
        foreach (var claim in AgeMetadata["claims"]!.AsArray())
        {
            var path = claim!["path"]!.AsArray();
            if (path.Count != 1)
            {
                continue;
            }

            var claimName = (string)path[0]!;
            JsonNode value = claimName switch
            {
                "age_over_18" or "age_over_20" => true,
                "age_over_21" or "age_over_65" => false,
                "birth_date" or "birthdate" => "2000-02-29",
                "age_in_years" => 26,
                "age_birth_year" => 2000,
                _ => "sample",
            };
            if ((string?)claim["sd"] == "never")
            {
                claims.Claim(claimName, value);
            }
            else
            {
                claims.Disclosable(claimName, value);
            }
        }

        var sdIssuer = new SdJwtVcIssuer(signer ?? IssuerKey, options: new SdJwtVcIssuerOptions { Issuer = issuer ?? IssuerId, DefaultValidity = TimeSpan.FromDays(30) });
        var issued = await sdIssuer.IssueAsync(new SdJwtVcIssuance { Vct = AgeVct, Claims = claims, HolderKey = holderKey });
        return Write(name, issued.Serialize());
    }

    /// <summary>Issues one of the sample types (its sample claims, prepared by the shared type) bound to the holder key.</summary>
    public async Task<string> IssueSampleCredentialAsync(CredentialType type, string holderPublicJwkPath, string name)
    {
        var holderKey = Jwk.Parse(File.ReadAllText(holderPublicJwkPath));
        var prepared = type.Prepare(type.GetSampleClaims(), DateTimeOffset.UtcNow);
        var sdIssuer = new SdJwtVcIssuer(IssuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId });
        var issued = await sdIssuer.IssueAsync(prepared.ToIssuance(holderKey));
        return Write(name, issued.Serialize());
    }

    /// <summary>Imports a credential with the issuer's public key as trust; returns its id.</summary>
    public async Task<string> ImportAsync(string credentialPath, string? trust = null)
    {
        var result = await HolderJsonAsync("import", "--trust", trust ?? IssuerPublicJwkPath, credentialPath);
        return (string)result["id"]!;
    }

    public void Dispose()
    {
        IssuerKey.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<AppRun> RunAsync(Func<IReadOnlyList<string>, CliHost, Task<int>> app, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, environment: name => Environment.GetValueOrDefault(name), interactive: false);
        var code = await app(args, host);
        return new AppRun(code, output.ToString(), error.ToString());
    }
}
