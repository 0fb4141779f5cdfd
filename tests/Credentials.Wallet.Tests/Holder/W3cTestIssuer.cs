using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>A did:key issuer (Ed25519) of Open Badges 3.0 credentials, as Data Integrity (eddsa-rdfc-2022) or vc+jwt.</summary>
internal sealed class W3cTestIssuer : IDisposable
{
    public const string ObVocab = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";

    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.EdDsa);

    public W3cTestIssuer(TimeProvider clock)
    {
        Clock = clock;
        Did = DidKey.Create(_key).ToString();
        VerificationMethod = DidKey.GetKeyId(DidKey.Create(_key)).ToString();
    }

    public TimeProvider Clock { get; }

    public string Did { get; }

    public string VerificationMethod { get; }

    public static DidResolver Resolver { get; } = new([DidKeyResolver.Instance, DidJwkResolver.Instance]);

    public static W3cCredentialVerifier Verifier(FakeTimeProvider clock) => new(Resolver, new W3cCredentialVerifierOptions
    {
        TimeProvider = clock,
        Status = StatusCheck.Skip,
        DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = clock },
        VcJwt = new VcJwtVerifierOptions { TimeProvider = clock },
        OpenBadgeJwt = new Credentials.W3c.OpenBadges.OpenBadgeJwtVerifierOptions { TimeProvider = clock },
    });

    /// <summary>The did:key of a wallet holder key.</summary>
    public static string HolderDid(HolderKeyInfo key) => DidKey.Create(key.PublicJwk).ToString();

    /// <summary>An unsigned Open Badge whose subject is <paramref name="subject"/> (no subject id when null).</summary>
    public JsonObject Badge(string? subject, string name = "Teamwork")
    {
        var credentialSubject = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://example.edu/achievements/" + name.ToLowerInvariant(),
                ["type"] = new JsonArray("Achievement"),
                ["name"] = name,
                ["description"] = "Collaborates within a group.",
                ["criteria"] = new JsonObject { ["narrative"] = "Nominated by peers." },
            },
        };
        if (subject is not null)
        {
            credentialSubject.Insert(0, "id", subject);
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = name + " Badge",
            ["issuer"] = new JsonObject { ["id"] = Did, ["type"] = new JsonArray("Profile"), ["name"] = "Example University" },
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["validUntil"] = "2030-01-01T00:00:00Z",
            ["credentialSubject"] = credentialSubject,
        };
    }

    public async Task<string> IssueLdpAsync(JsonObject credential)
    {
        var secured = await new DataIntegrityIssuer(_key, VerificationMethod, new DataIntegrityIssuerOptions { TimeProvider = Clock })
            .AddProofAsync(credential, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
        return secured.ToJsonString();
    }

    public async Task<string> IssueJwtAsync(JsonObject credential)
    {
        var read = W3cCredential.Read(credential.ToJsonString());
        return await new VcJwtIssuer(new Named(_key, VerificationMethod), new VcJwtIssuerOptions { TimeProvider = Clock }).IssueAsync(read.GetValueOrThrow());
    }

    /// <summary>The Open Badges 3.0 JWT form (section 8.2): the credential at the top level with the registered claims.</summary>
    public async Task<string> IssueObJwtAsync(JsonObject credential)
    {
        var read = W3cCredential.Read(credential.ToJsonString());
        return await new Credentials.W3c.OpenBadges.OpenBadgeJwtIssuer(new Named(_key, VerificationMethod)).IssueAsync(read.GetValueOrThrow());
    }

    public void Dispose() => _key.Dispose();

    /// <summary>A signer under another key id.</summary>
    internal sealed class Named(ISigner inner, string keyId) : ISigner
    {
        public JwsAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => keyId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default) => inner.SignAsync(signingInput, cancellationToken);
    }
}
