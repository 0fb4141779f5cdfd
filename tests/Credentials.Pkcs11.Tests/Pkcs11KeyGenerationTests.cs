using System.Collections.Generic;
using Credentials.Pkcs11;
using Credentials.Pkcs11.Internal;
using Credentials.Testing.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11KeyGenerationTests
{
    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public void GeneratedPrivateKey_IsSensitiveNotExtractableAndItsValueUnreadable(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        var (soft, token) = TokenFixture.OpenNew("keygen");
        using (token)
        {
            token.GenerateKeyPair(algorithm, "kept-inside", [0x42]);

            // A session of the same process shares the token's login.
            var library = Pkcs11Modules.Get(soft.ModulePath, isPath: true);
            using var session = SoftHsm.OpenSession(library, soft.Label, SessionType.ReadOnly);
            var factory = Pkcs11Modules.Factories.ObjectAttributeFactory;
            var keys = session.FindAllObjects([factory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), factory.Create(CKA.CKA_LABEL, "kept-inside")]);
            var key = Assert.Single(keys);
            var attributes = session.GetAttributeValue(key, new List<CKA> { CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_TOKEN, CKA.CKA_SIGN, CKA.CKA_ALWAYS_SENSITIVE, CKA.CKA_NEVER_EXTRACTABLE, CKA.CKA_ID });

            Assert.True(attributes[0].GetValueAsBool());
            Assert.False(attributes[1].GetValueAsBool());
            Assert.True(attributes[2].GetValueAsBool());
            Assert.True(attributes[3].GetValueAsBool());
            Assert.True(attributes[4].GetValueAsBool());
            Assert.True(attributes[5].GetValueAsBool());
            Assert.Equal(new byte[] { 0x42 }, attributes[6].GetValueAsByteArray());

            // PKCS#11 v2.40 section 4.9: the value of a sensitive key cannot be read.
            var value = session.GetAttributeValue(key, new List<CKA> { CKA.CKA_VALUE });
            Assert.True(value[0].CannotBeRead);
        }
    }

    [Fact]
    public void GeneratedKey_IsOnTheTokenForTheNextProcessSession()
    {
        var soft = SoftHsm.CreateToken("persist");
        Pkcs11Signer generated;
        using (var token = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri())))
        {
            generated = token.GenerateKeyPair(JwsAlgorithm.Es256, "persisted", [9, 9]);
            Assert.Equal("pkcs11:token=" + soft.Label + ";object=persisted;type=private;id=%09%09", generated.Uri.ToString().Split('?')[0]);
        }

        using var reopened = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
        Assert.Equal(generated.PublicJwk, reopened.GetSigner(generated.Uri).PublicJwk);
    }
}
