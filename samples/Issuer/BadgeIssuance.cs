using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Samples.Badges;
using Credentials.Samples.Common;
using Credentials.W3c;
using Credentials.W3c.OpenBadges;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer issue --format ob3-di|ob3-jwt</c>: the award of an <c>ipa-exam</c> or <c>dss-skill</c> claims file as an Open
/// Badges 3.0 <c>OpenBadgeCredential</c> with a Data Integrity proof or as a JWT (section 8.2), both by the issuer's DID
/// key, and a Bitstring Status List entry
/// when the issuer keeps a status list.
/// </summary>
internal static class BadgeIssuance
{
    /// <summary>The default format: an SD-JWT VC.</summary>
    public const string SdJwtVc = "sd-jwt-vc";

    /// <summary>An Open Badges 3.0 credential with an embedded Data Integrity proof.</summary>
    public const string Ob3DataIntegrity = "ob3-di";

    /// <summary>An Open Badges 3.0 credential as a JWT (OB 3.0 section 8.2), signed by the issuer's DID key.</summary>
    public const string Ob3Jwt = "ob3-jwt";

    /// <summary>The <c>--format</c> values.</summary>
    public static string[] Formats { get; } = [SdJwtVc, Ob3DataIntegrity, Ob3Jwt];

    /// <summary>What the command line gives a badge issuance.</summary>
    public sealed record Request(string Format, CredentialType Type, JsonObject Claims, string ClaimsPath, Jwk? HolderKey, string KeyPath, string? Issuer, string? StatusList, string? StatusUri, string OutPath, bool Force);

    public static async Task<int> RunAsync(CliContext ctx, Request request, CancellationToken ct)
    {
        if (!OpenBadgeMapping.Supports(request.Type))
        {
            throw new CliException(new CliError(
                IssuerErrors.NotABadgeType,
                $"--format {request.Format} issues awards as Open Badges, and '{request.Type.Name}' is not an award.",
                "Use --type ipa-exam or --type dss-skill, or leave out --format to issue an SD-JWT VC.",
                ExitCodes.Usage));
        }

        var now = ctx.Host.TimeProvider.GetUtcNow();
        var identity = IssuerIdentity.Load(request.KeyPath, request.Issuer);
        if (!identity.Issuer.StartsWith("did:", StringComparison.Ordinal))
        {
            // VC Data Integrity section 2.1 and VCDM 2.0 section 4.7: the proof's verification method must be the issuer's.
            throw new CliException(CliErrors.InvalidOption(
                "--issuer",
                $"'{identity.Issuer}' is not a DID, and a badge's Data Integrity proof is made by a DID verification method of its issuer.",
                "Leave out --issuer to issue as the key's did:key (or give the key's did:jwk)."));
        }

        using var key = identity.CreateSigningKey();
        var suite = BadgeSigning.SuiteFor(key, request.KeyPath);
        var prepared = request.Type.Prepare(request.Claims, now, request.ClaimsPath);
        JsonObject? status = null;
        if (request.StatusList is { } database)
        {
            var lists = await StatusListDatabase.OpenAsync(database, key, identity.Issuer, ctx.Host.TimeProvider, mustExist: false, ct).ConfigureAwait(false);
            status = (await lists.AllocateBitstringAsync(request.StatusUri!, ct).ConfigureAwait(false)).ToJsonObject();
        }

        var holderDid = request.HolderKey is { } holder ? DidJwk.Create(holder).ToString() : null;
        JsonObject unsigned;
        try
        {
            unsigned = OpenBadgeMapping.ToOpenBadge(prepared, new OpenBadgeIssue { Issuer = identity.Issuer, HolderDid = holderDid, CredentialStatus = status });
        }
        catch (ArgumentException ex)
        {
            // The library's builder checks the badge against the data model and the 1EdTech schema before it is signed.
            throw new CliException(new CliError(IssuerErrors.CannotSecure, $"The claims do not make a conforming Open Badge: {CliErrors.Reason(ex)}", "Check the claims file."), ex);
        }

        var method = identity.PrivateJwk.Kid!;
        var jwt = request.Format == Ob3Jwt;
        var badge = jwt ? unsigned : await BadgeSigning.SignAsync(unsigned, key, method, suite, ctx.Host.TimeProvider, ct).ConfigureAwait(false);
        var secured = jwt ? await SignJwtAsync(unsigned, key, ct).ConfigureAwait(false) : badge.ToJsonString(CliJson.OutputOptions);
        if (request.OutPath != "-" || !ctx.Json)
        {
            CliFiles.WriteAllText(request.OutPath, secured, request.Force, ctx.Host.Output);
        }

        var achievement = badge["credentialSubject"]!["achievement"]!;
        var json = new JsonObject
        {
            ["format"] = request.Format,
            ["type"] = request.Type.Name,
            ["id"] = badge["id"]!.DeepClone(),
            ["issuer"] = identity.Issuer,
            ["verificationMethod"] = method,
            ["cryptosuite"] = jwt ? null : suite.Name,
            ["alg"] = key.Algorithm.Name,
            ["achievement"] = achievement["id"]!.DeepClone(),
            ["name"] = achievement["name"]!.DeepClone(),
            ["recipient"] = holderDid is null ? "hashed identifier" : holderDid,
            ["validUntil"] = badge["validUntil"]!.DeepClone(),
            ["status"] = status is null ? null : new JsonObject { ["statusListCredential"] = status["statusListCredential"]!.DeepClone(), ["statusListIndex"] = status["statusListIndex"]!.DeepClone() },
            ["out"] = request.OutPath,
            ["credential"] = jwt ? JsonValue.Create(secured) : badge,
        };
        return ctx.Result(json, console =>
        {
            if (request.OutPath == "-")
            {
                return;
            }

            console.WriteLine(ctx.Language.Pick("[green]オープンバッジを発行しました[/]: ", "[green]Open Badge issued[/]: "), $"{achievement["name"]} → {request.OutPath}");
            var table = new Table().HideHeaders().AddColumn("k").AddColumn("v");
            table.AddPlainRow(ctx.Language.Pick("形式", "format"), jwt ? $"Open Badges 3.0 ({Ob3Jwt}, {key.Algorithm.Name})" : $"Open Badges 3.0 ({Ob3DataIntegrity}, {suite.Name})");
            table.AddPlainRow(ctx.Language.Pick("発行者", "issuer"), identity.Issuer);
            table.AddPlainRow(ctx.Language.Pick("達成内容", "achievement"), (string)achievement["id"]!);
            table.AddPlainRow(ctx.Language.Pick("受領者", "recipient"), holderDid ?? ctx.Language.Pick("ハッシュ化した識別子（ソルト付き）", "salted hashed identifier"));
            table.AddPlainRow(ctx.Language.Pick("有効期限", "valid until"), (string)badge["validUntil"]!);
            if (status is not null)
            {
                table.AddPlainRow(ctx.Language.Pick("失効リスト", "status"), $"{status["statusListCredential"]} #{status["statusListIndex"]}");
            }

            console.Write(table);
        });
    }

    /// <summary>OB 3.0 section 8.2: the credential as a compact JWS, <c>kid</c> the issuer's DID verification method.</summary>
    private static async Task<string> SignJwtAsync(JsonObject unsigned, SigningKey key, CancellationToken ct)
    {
        var read = W3cCredential.Read(unsigned.ToJsonString());
        if (!read.IsValid)
        {
            throw new CliException(ClaimValues.ToCliError(read.Error, "Check the claims file."));
        }

        try
        {
            return await new OpenBadgeJwtIssuer(key).IssueAsync(read.Value, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(new CliError(IssuerErrors.CannotSecure, $"The badge cannot be signed as a JWT: {CliErrors.Reason(ex)}", "Check the claims file."), ex);
        }
    }
}
