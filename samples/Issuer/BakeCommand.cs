using System;
using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Samples.Common;
using Credentials.W3c.OpenBadges.Baking;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

/// <summary>
/// <c>issuer bake</c>: bakes an issued Open Badge (JSON with a proof, or a compact JWS) into a PNG or SVG image (Open
/// Badges 3.0 section 5.3), so the image carries the credential and any verifier can check it from the image alone.
/// </summary>
internal static class BakeCommand
{
    public static Command Create(CliHost host)
    {
        var credential = new Option<string>("--credential") { Required = true };
        var image = new Option<string>("--image") { Required = true };
        var output = new Option<string>("--out") { Required = true };
        var force = new Option<bool>("--force");
        var command = new Command("bake") { credential, image, output, force };
        command.SetCliAction(host, (ctx, ct) =>
        {
            var credentialPath = ctx.GetValue(credential)!;
            var imagePath = ctx.GetValue(image)!;
            var outPath = ctx.GetValue(output)!;
            var overwrite = ctx.GetValue(force);
            CliFiles.EnsureWritable(outPath, overwrite);
            var text = CliFiles.ReadAllText(credentialPath, "badge").Trim();
            var picture = CliFiles.ReadAllBytes(imagePath, "badge image");

            VerificationResult<byte[]> baked;
            try
            {
                baked = new BadgeBaker().Bake(picture, text);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(new CliError(
                    IssuerErrors.NotABadge,
                    $"'{credentialPath}' is not a badge to bake: {CliErrors.Reason(ex)}",
                    "Bake the file written by 'issuer issue --format ob3-di' (JSON with a proof) or a badge as a compact JWS."), ex);
            }

            if (!baked.IsValid)
            {
                throw new CliException(ClaimValues.ToCliError(baked.Error, $"'{imagePath}': give a PNG or an SVG image (UTF-8), for example samples/Issuer/SampleData/badge.png."));
            }

            CliFiles.WriteAllBytes(outPath, baked.Value, overwrite);
            var kind = BakedKind(picture);
            var json = new JsonObject
            {
                ["out"] = outPath,
                ["image"] = kind,
                ["credentialForm"] = text.StartsWith('{') ? "json" : "jws",
                ["bytes"] = baked.Value.Length,
            };
            return Task.FromResult(ctx.Result(json, console =>
            {
                console.WriteLine(ctx.Language.Pick("[green]バッジ画像に焼き込みました[/]: ", "[green]Badge baked into the image[/]: "), $"{outPath} ({kind.ToUpperInvariant()}, {baked.Value.Length:N0} bytes)");
                console.WriteLine(ctx.Language.Pick("検証: ", "verify with: "), $"verifier verify --credential {outPath}");
            }));
        });
        return command;
    }

    private static string BakedKind(ReadOnlySpan<byte> image)
        => image.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? "png" : "svg";
}
