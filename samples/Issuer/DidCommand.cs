using System.CommandLine;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Spectre.Console;

namespace Credentials.Samples.Issuer;

internal static class DidCommand
{
    public static Command Create(CliHost host)
    {
        var key = new Option<string>("--key") { Required = true };
        var method = new Option<string>("--method") { DefaultValueFactory = _ => "key" };
        method.AcceptOnlyFromAmong("key", "jwk");
        var command = new Command("did") { key, method };
        command.SetCliAction(host, (ctx, ct) =>
        {
            var path = ctx.GetValue(key)!;
            // A pkcs11: URI names a key inside a token, whose public key is read from the token.
            var jwk = Credentials.Pkcs11.Pkcs11Uri.IsPkcs11Uri(path) ? IssuerIdentity.Load(path, null).PublicJwk with { Kid = null } : JwkFile.Read(path, "key").ToPublic();
            var useJwk = ctx.GetValue(method) == "jwk";
            Did did;
            DidUrl keyId;
            try
            {
                did = useJwk ? DidJwk.Create(jwk) : DidKey.Create(jwk);
                keyId = useJwk ? DidJwk.GetKeyId(did) : DidKey.GetKeyId(did);
            }
            catch (System.ArgumentException ex)
            {
                throw new CliException(CliErrors.MalformedJwk(path, CliErrors.Reason(ex)), ex);
            }

            var json = new JsonObject { ["did"] = did.ToString(), ["method"] = did.Method, ["keyId"] = keyId.ToString() };
            // Written unwrapped (not through the console, which wraps at its width) so it can be copied and piped.
            return Task.FromResult(ctx.Result(json, _ => ctx.Host.Output.WriteLine(did.ToString())));
        });
        return command;
    }
}
