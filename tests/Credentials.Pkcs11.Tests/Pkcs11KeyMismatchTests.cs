using System.Collections.Generic;
using System.Linq;
using Credentials.Pkcs11;
using Credentials.Pkcs11.Internal;
using Credentials.Testing.Pkcs11;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11KeyMismatchTests
{
    [Fact]
    public void APublicObjectOfAnotherKey_WithTheSameId_IsKeyMismatch()
    {
        var (soft, token) = TokenFixture.OpenNew("mismatch");
        using (token)
        {
            var id = TokenFixture.NewId();
            var otherId = TokenFixture.NewId();
            token.GenerateKeyPair(JwsAlgorithm.Es256, "genuine", id);
            token.GenerateKeyPair(JwsAlgorithm.Es256, "stale", otherId);

            // The genuine public object goes; the other key's public object takes its id.
            var library = Pkcs11Modules.Get(soft.ModulePath, isPath: true);
            var factory = Pkcs11Modules.Factories.ObjectAttributeFactory;
            using (var session = SoftHsm.OpenSession(library, soft.Label, SessionType.ReadWrite))
            {
                var genuine = session.FindAllObjects([factory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), factory.Create(CKA.CKA_ID, id)]).Single();
                session.DestroyObject(genuine);
                var stale = session.FindAllObjects([factory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), factory.Create(CKA.CKA_ID, otherId)]).Single();
                session.SetAttributeValue(stale, new List<IObjectAttribute> { factory.Create(CKA.CKA_ID, id) });
            }

            var e = Assert.Throws<Pkcs11Exception>(() => token.GetSigner(Pkcs11Uri.Parse(soft.Uri("object=genuine"))));

            Assert.Equal(Pkcs11ErrorCodes.KeyMismatch, e.Code);
        }
    }
}
