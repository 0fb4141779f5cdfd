using System;
using System.Linq;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Xunit;

namespace Credentials.Tests.Keys.Rotation;

public sealed class IssuerKeySetDidDocumentTests : IDisposable
{
    private static readonly Did s_did = DidWeb.Create("issuer.example.jp");
    private readonly RotationFixture _f = new();
    private readonly SigningKey _key1 = SigningKey.Create(JwsAlgorithm.Es256, s_did.Value + "#key-2026");
    private readonly SigningKey _key2 = SigningKey.Create(JwsAlgorithm.Es256, s_did.Value + "#key-2027");

    public void Dispose()
    {
        _key1.Dispose();
        _key2.Dispose();
        _f.Dispose();
    }

    [Fact]
    public void CreateDidDocument_EachPhase_PublishedKeysUnderStableIds()
    {
        var set = new IssuerKeySet([new IssuerKey(_key1, _key1.PublicJwk, RotationFixture.T0)], _f.Clock)
            .Rotate(new IssuerKey(_key2, _key2.PublicJwk, RotationFixture.Activation), RotationFixture.RetainUntil);

        var during = set.CreateDidDocument(s_did);
        _f.Clock.SetUtcNow(RotationFixture.RetainUntil);
        var after = set.CreateDidDocument(s_did);

        Assert.Equal(s_did.Value, during.Id);
        Assert.Equal([_key1.KeyId, _key2.KeyId], during.VerificationMethod.Select(m => m.Id));
        Assert.Equal([_key1.KeyId, _key2.KeyId], during.AssertionMethod.Select(r => r.Id));
        Assert.True(during.IsAuthorized(DidUrl.Parse(_key2.KeyId!), VerificationRelationship.AssertionMethod));
        Assert.Equal([_key2.KeyId], after.VerificationMethod.Select(m => m.Id));
        Assert.All(during.VerificationMethod, m => Assert.False(m.PublicKeyJwk!.HasPrivateKey));
    }

    [Fact]
    public void CreateVerificationMethods_KeyIdNotADidUrlOfTheDid_Throws()
        => Assert.Throws<ArgumentException>(() => _f.Initial().CreateVerificationMethods(s_did));
}
