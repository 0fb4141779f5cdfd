using System;
using System.Buffers.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

/// <summary>What someone holding the file, but not the key, can learn: by default nothing about the person.</summary>
public sealed class AtRestTests
{
    [Fact]
    public async Task RawFile_DefaultOptions_ContainsNoClaimNameSaltKeyOrVerifier()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var key = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        var issued = await Samples.IssueAsync(key.PublicJwk);
        var id = (await store.ImportAsync(Samples.Input(issued.Serialize(), key.Id, displayName: "山田 花子"))).Value;
        await store.RecordPresentationAsync(new PresentationRecord
        {
            Verifier = "https://shop.example.jp/verifier",
            Credentials = [new DisclosedCredential { CredentialId = id, Vct = Samples.Vct, Claims = [new DisclosedClaim(ClaimPath.Of("age_over_20"), "true")] }],
        });

        // Searched while the store is open (main file and write-ahead log) and again after closing.
        for (var pass = 0; pass < 2; pass++)
        {
            string[] secrets =
            [
                Samples.GivenName, Samples.FamilyName, Samples.BirthDate, "山田 花子", "マイナンバー本人確認", "Japanese PID",
                Samples.Vct, Samples.Issuer, "https://shop.example.jp/verifier", "age_over_20", "given_name", "dc+sd-jwt",
                issued.IssuerSignedJwt, issued.IssuerSignedJwt.Split('.')[2], key.PublicJwk.X!, key.Thumbprint,
            ];
            foreach (var secret in secrets)
            {
                Assert.False(temp.FileContains(secret), $"The file contains '{secret}'.");
            }

            foreach (var disclosure in issued.Disclosures)
            {
                Assert.False(temp.FileContains(disclosure.Encoded), "The file contains a disclosure.");
                Assert.False(temp.FileContains(disclosure.Salt), "The file contains a salt.");
                Assert.False(temp.FileContains(Base64Url.DecodeFromChars(disclosure.Salt)), "The file contains salt bytes.");
            }

            if (pass == 0)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task RawFile_ClearMetadataOptIn_ContainsVctButNotCredentialOrName()
    {
        // The control for the scan above: the same scan finds what was opted into the clear.
        using var temp = new TempWallet();
        using (var store = await temp.CreateAsync(TempWallet.FastOptions with { StoreSearchMetadataInClear = true }))
        {
            var issued = await Samples.IssueAsync(null);
            await store.ImportAsync(Samples.Input(issued.Serialize()));
            Assert.True(temp.FileContains(Samples.Vct));
            Assert.True(temp.FileContains(Samples.Issuer));
            Assert.False(temp.FileContains(issued.IssuerSignedJwt));
            foreach (var disclosure in issued.Disclosures)
            {
                Assert.False(temp.FileContains(disclosure.Encoded));
            }
        }
    }

    [Fact]
    public async Task DeleteAsync_ClearMetadata_DeletedBytesNotInFile()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync(TempWallet.FastOptions with { StoreSearchMetadataInClear = true });
        const string marker = "urn:deleted-credential-type-7f3a";
        var id = (await store.ImportAsync(Samples.Input(Samples.Opaque(5000)) with { Vct = marker })).Value;
        await store.ImportAsync(Samples.Input(Samples.Opaque(300)));
        var rawCipher = (byte[])temp.Scalar($"SELECT raw FROM credential_copies WHERE credential_id = '{id}'")!;
        var metadataCipher = (byte[])temp.Scalar($"SELECT metadata FROM credentials WHERE id = '{id}'")!;
        Assert.True(temp.FileContains(marker));

        Assert.True((await store.DeleteAsync(id)).IsValid);

        Assert.False(temp.FileContains(marker));
        Assert.False(temp.FileContains(rawCipher.AsSpan(40, 64).ToArray()));
        Assert.False(temp.FileContains(metadataCipher.AsSpan(30, 32).ToArray()));
        Assert.Single((await store.ListAsync()).Value);
    }

    [Fact]
    public async Task ListAsync_MetadataSwappedBetweenRows_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var a = (await store.ImportAsync(Samples.Input("a"))).Value;
        var b = (await store.ImportAsync(Samples.Input("b") with { Vct = "urn:other" })).Value;
        var metadataA = (byte[])temp.Scalar($"SELECT metadata FROM credentials WHERE id = '{a}'")!;
        var metadataB = (byte[])temp.Scalar($"SELECT metadata FROM credentials WHERE id = '{b}'")!;
        using (var connection = temp.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE credentials SET metadata = CASE id WHEN $a THEN $mb ELSE $ma END WHERE id IN ($a, $b)";
            command.Parameters.AddWithValue("$a", a);
            command.Parameters.AddWithValue("$b", b);
            command.Parameters.AddWithValue("$ma", metadataA);
            command.Parameters.AddWithValue("$mb", metadataB);
            Assert.Equal(2, command.ExecuteNonQuery());
        }

        Assert.Equal(WalletErrors.Corrupt, (await store.ListAsync()).Error!.Code);
        Assert.Equal(WalletErrors.Corrupt, (await store.GetAsync(a)).Error!.Code);
        Assert.Equal(WalletErrors.Corrupt, (await store.GetAsync(b)).Error!.Code);
    }

    [Fact]
    public async Task GetAsync_CopyMovedToOtherCredential_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var a = (await store.ImportAsync(Samples.Input("credential-a"))).Value;
        var b = (await store.ImportAsync(Samples.Input("credential-b"))).Value;
        // Move a's ciphertext into b's copy row: same table and column, different row.
        temp.Execute($"UPDATE credential_copies SET raw = (SELECT raw FROM credential_copies WHERE credential_id = '{a}') WHERE credential_id = '{b}'");
        Assert.Equal(WalletErrors.Corrupt, (await store.GetAsync(b)).Error!.Code);
        Assert.Equal("credential-a", (await store.GetAsync(a)).Value.Raw);
    }

    [Fact]
    public async Task GetAsync_CopyReboundToOtherHolderKey_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var k1 = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        var k2 = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        var id = (await store.ImportAsync(Samples.Input("bound", k1.Id))).Value;
        temp.Execute($"UPDATE credential_copies SET holder_key_id = '{k2.Id}'");
        Assert.Equal(WalletErrors.Corrupt, (await store.GetAsync(id)).Error!.Code);
    }

    [Fact]
    public async Task GetSignerAsync_PrivateKeysSwapped_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var k1 = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        var k2 = (await store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        temp.Execute($"UPDATE holder_keys SET private_key = (SELECT private_key FROM holder_keys WHERE id = '{k2.Id}') WHERE id = '{k1.Id}'");
        Assert.Equal(WalletErrors.Corrupt, (await store.GetSignerAsync(k1.Id)).Error!.Code);
        using var signer = (await store.GetSignerAsync(k2.Id)).Value;
        Assert.Equal(k2.PublicJwk.X, signer.PublicJwk.X);
    }

    [Fact]
    public async Task GetAsync_FlippedCiphertextByte_Corrupt()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        var id = (await store.ImportAsync(Samples.Input("tamper-me"))).Value;
        var blob = (byte[])temp.Scalar("SELECT raw FROM credential_copies")!;
        blob[30] ^= 0x01;
        using (var connection = temp.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE credential_copies SET raw = $b";
            command.Parameters.AddWithValue("$b", blob);
            command.ExecuteNonQuery();
        }

        Assert.Equal(WalletErrors.Corrupt, (await store.GetAsync(id)).Error!.Code);
    }

    [Fact]
    public async Task ListAsync_RecordFromNewerRelease_UnsupportedVersion()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.ImportAsync(Samples.Input("a"));
        temp.Execute("UPDATE credentials SET metadata = CAST(X'02' || substr(metadata, 2) AS BLOB)");
        Assert.Equal(WalletErrors.UnsupportedVersion, (await store.ListAsync()).Error!.Code);
    }

    [Fact]
    public async Task ListAsync_WrongColumnTypeAndGarbage_CorruptNotException()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.ImportAsync(Samples.Input("a"));
        temp.Execute("UPDATE credentials SET metadata = X'00'");
        Assert.Equal(WalletErrors.Corrupt, (await store.ListAsync()).Error!.Code);
        temp.Execute("DROP TABLE disclosure_log");
        Assert.Equal(WalletErrors.Corrupt, (await store.GetDisclosureLogAsync()).Error!.Code);
    }

    [Fact]
    public async Task Records_NoTwoShareANonce()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        for (var i = 0; i < 20; i++)
        {
            await store.ImportAsync(Samples.Input("same-length-" + i.ToString("D2")));
        }

        Assert.Equal(20L, temp.Scalar("SELECT count(DISTINCT substr(raw, 2, 24)) FROM credential_copies"));
        Assert.Equal(1L, temp.Scalar("SELECT count(DISTINCT substr(raw, 1, 1)) FROM credential_copies"));
    }
}
