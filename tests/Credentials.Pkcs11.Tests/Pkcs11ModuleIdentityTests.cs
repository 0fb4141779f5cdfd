using System;
using System.IO;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Credentials.Pkcs11.Internal;
using Credentials.Testing.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

/// <summary>One module file is one module of the process, however it is named: its logins are counted once.</summary>
public sealed class Pkcs11ModuleIdentityTests
{
    [Fact]
    public async Task OneModuleFile_OpenedByPathLinkAndName_IsOneModule_AndDisposingAnOpenKeepsTheOthersSigning()
    {
        var soft = SoftHsm.CreateToken("identity");
        var folder = Directory.CreateTempSubdirectory("credentials-pkcs11-identity-").FullName;
        try
        {
            var link = Path.Combine(folder, "module.so");
            File.CreateSymbolicLink(link, SoftHsm.ModulePath);

            // SoftHSM2 is not on the library search path; once loaded, glibc's dlopen finds it by its soname
            // (libsofthsm2.so), which is how a module-name reaches an already loaded module here.
            var name = Path.GetFileName(Pkcs11Modules.Resolve(Path.GetFullPath(SoftHsm.ModulePath)));
            var byPath = Pkcs11Token.Open(Pkcs11Uri.Parse(soft.Uri()));
            var id = TokenFixture.NewId();
            byPath.GenerateKeyPair(JwsAlgorithm.Es256, "identity", id);
            using var byLink = Pkcs11Token.Open(Pkcs11Uri.Parse($"pkcs11:token={soft.Label}?module-path={link}&pin-source=file:{soft.PinFile}"));
            var byName = Pkcs11Token.Open(Pkcs11Uri.Parse($"pkcs11:token={soft.Label}?module-name={name}&pin-source=file:{soft.PinFile}"));

            var module = Pkcs11Modules.Get(SoftHsm.ModulePath, isPath: true);
            Assert.Same(module, Pkcs11Modules.Get(link, isPath: true));
            Assert.Same(module, Pkcs11Modules.Get(name, isPath: false));

            var linkSigner = byLink.GetSigner(Pkcs11Uri.Parse($"pkcs11:object=identity"));
            var nameSigner = byName.GetSigner(Pkcs11Uri.Parse($"pkcs11:object=identity"));
            byPath.Dispose();
            await AssertSigns(linkSigner);
            await AssertSigns(nameSigner);

            // The name's open was counted on the same login: disposing it leaves the link's open logged in.
            byName.Dispose();
            await AssertSigns(linkSigner);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FileOfName_ANameThatLoadsNothing_IsNullAndKept()
    {
        var name = $"libcredentials-no-such-module-{Guid.NewGuid():N}.so";
        Assert.False(Pkcs11Modules.IsNameProbed(name));

        Assert.Null(Pkcs11Modules.FileOfName(name));
        Assert.True(Pkcs11Modules.IsNameProbed(name));
        Assert.Null(Pkcs11Modules.FileOfName(name));
    }

    [Fact]
    public void FileOfName_ALoadedModulesName_IsItsFileEachTime()
    {
        var module = Pkcs11Modules.Resolve(Path.GetFullPath(SoftHsm.ModulePath));
        _ = Pkcs11Modules.Get(SoftHsm.ModulePath, isPath: true);
        var name = Path.GetFileName(module);

        // The probe's handle is closed; the module stays loaded by its own, so the name still finds it.
        Assert.Equal(module, Pkcs11Modules.Resolve(Pkcs11Modules.FileOfName(name)!));
        Assert.Equal(module, Pkcs11Modules.Resolve(Pkcs11Modules.FileOfName(name)!));
        Assert.Same(Pkcs11Modules.Get(SoftHsm.ModulePath, isPath: true), Pkcs11Modules.Get(name, isPath: false));
    }

    private static async Task AssertSigns(Pkcs11Signer signer)
    {
        var signature = await signer.SignAsync(new byte[] { 9, 8, 7 });
        using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;
        Assert.True(verification.Verify(JwsAlgorithm.Es256, new byte[] { 9, 8, 7 }, signature));
    }
}
