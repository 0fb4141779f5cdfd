using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Mdoc;
using Credentials.Wallet.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.Holder;

/// <summary>Direct mdoc presentation: a DeviceResponse for a session transcript with only the chosen elements.</summary>
public sealed class MdocWalletPresentTests
{
    private static readonly Dictionary<string, IReadOnlyCollection<string>> s_names = new()
    {
        [MdocWalletTestBed.Mdl] = ["family_name_national_character", "given_name_national_character", "age_over_20"],
    };

    private static SessionTranscript Transcript(string nonce = "n-0S6_WzA2Mj")
        => SessionTranscript.ForOpenId4Vp(MdocWalletTestBed.ClientId, nonce, null, MdocWalletTestBed.ResponseUri);

    [Fact]
    public async Task The_DeviceResponse_discloses_exactly_the_chosen_elements_and_verifies_for_the_same_transcript()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var imported = await bed.ImportNewAsync();

        var presented = await bed.Wallet.PresentMdocAsync(imported.Id, s_names, Transcript(), MdocWalletTestBed.ClientId);

        Assert.True(presented.IsValid, presented.Error?.ToString());
        Assert.Equal(MdocWalletTestBed.MdlDocType, presented.Value.DocType);
        var verified = bed.MdocVerifier.Verify(Base64Url.DecodeFromChars(presented.Value.DeviceResponse), Transcript());
        Assert.True(verified.IsValid, verified.Error?.ToString());
        var document = Assert.Single(verified.Value.Documents);
        Assert.Equal(MdocDeviceAuthenticationKind.Signature, document.DeviceAuthentication);
        var elements = Assert.Single(document.Elements);
        Assert.Equal(MdocWalletTestBed.Mdl, elements.Key);
        Assert.Equal(s_names[MdocWalletTestBed.Mdl].Order(StringComparer.Ordinal), elements.Value.Keys.Order(StringComparer.Ordinal));
        Assert.True(document.TryGetElement(MdocWalletTestBed.Mdl, "family_name_national_character", out var family) && family.TryGetString(out var text) && text == "山田");
        Assert.Equal(3, presented.Value.Disclosed.Length);
        Assert.Equal(8, presented.Value.Withheld.Length);
    }

    [Fact]
    public async Task The_DeviceResponse_fails_against_a_transcript_with_another_nonce()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var imported = await bed.ImportNewAsync();

        var presented = await bed.Wallet.PresentMdocAsync(imported.Id, s_names, Transcript(), MdocWalletTestBed.ClientId);

        var verified = bed.MdocVerifier.Verify(Base64Url.DecodeFromChars(presented.Value.DeviceResponse), Transcript("another-nonce"));
        Assert.Equal(MdocErrors.InvalidDeviceSignature, verified.Error!.Code);
    }

    [Fact]
    public async Task Single_use_copies_are_each_presented_once_with_their_own_device_key()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var copies = new ReadOnlyMemory<byte>[2];
        for (var i = 0; i < copies.Length; i++)
        {
            var key = await bed.NewHolderKeyAsync();
            copies[i] = (await bed.IssueAsync(key.PublicJwk)).Encode();
        }

        var imported = await bed.Wallet.ImportMdocBatchAsync(copies);
        Assert.True(imported.IsValid, imported.Error?.ToString());

        var first = await bed.Wallet.PresentMdocAsync(imported.Value.Id, s_names, Transcript("n1"), MdocWalletTestBed.ClientId);
        var second = await bed.Wallet.PresentMdocAsync(imported.Value.Id, s_names, Transcript("n2"), MdocWalletTestBed.ClientId);
        var third = await bed.Wallet.PresentMdocAsync(imported.Value.Id, s_names, Transcript("n3"), MdocWalletTestBed.ClientId);

        Assert.Equal(1, first.Value.RemainingCopies);
        Assert.Equal(0, second.Value.RemainingCopies);
        Assert.NotEqual(first.Value.CopyId, second.Value.CopyId);
        Assert.Equal(WalletErrors.BatchExhausted, third.Error!.Code);
        var keyOf = (string response, string nonce) => bed.MdocVerifier.Verify(Base64Url.DecodeFromChars(response), Transcript(nonce)).Value.Documents[0].MobileSecurityObject.DeviceKey.ComputeThumbprint();
        Assert.NotEqual(keyOf(first.Value.DeviceResponse, "n1"), keyOf(second.Value.DeviceResponse, "n2"));
    }

    [Fact]
    public async Task The_disclosure_log_records_element_names_never_values()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var imported = await bed.ImportNewAsync();

        var presented = await bed.Wallet.PresentMdocAsync(imported.Id, s_names, Transcript(), MdocWalletTestBed.ClientId);

        var entry = Assert.Single((await bed.Store.GetDisclosureLogAsync()).Value);
        Assert.Equal(presented.Value.LogEntryId, entry.Id);
        Assert.Equal(MdocWalletTestBed.ClientId, entry.Verifier);
        var credential = Assert.Single(entry.Credentials);
        Assert.Equal(imported.Id, credential.CredentialId);
        Assert.Equal(MdocWalletTestBed.MdlDocType, credential.Vct);
        Assert.Equal(s_names[MdocWalletTestBed.Mdl].Select(n => ClaimPath.Of(MdocWalletTestBed.Mdl, n)).ToHashSet(), credential.Claims.Select(c => c.Path).ToHashSet());
        Assert.All(credential.Claims, c => Assert.Null(c.ValueJson));
    }

    [Fact]
    public async Task An_element_the_mdoc_lacks_is_refused_before_any_copy_is_used()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var key = await bed.NewHolderKeyAsync();
        var imported = await bed.Wallet.ImportMdocBatchAsync([(await bed.IssueAsync(key.PublicJwk)).Encode()]);
        var asked = new Dictionary<string, IReadOnlyCollection<string>> { [MdocWalletTestBed.Mdl] = ["age_over_21"] };

        var presented = await bed.Wallet.PresentMdocAsync(imported.Value.Id, asked, Transcript(), MdocWalletTestBed.ClientId);

        Assert.Equal(HolderErrors.ClaimNotFound, presented.Error!.Code);
        Assert.Equal(1, Assert.Single((await bed.Wallet.ListAsync()).Value).RemainingCopies);
        Assert.Empty((await bed.Store.GetDisclosureLogAsync()).Value);
    }

    [Fact]
    public async Task The_same_session_transcript_is_answered_once()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var imported = await bed.ImportNewAsync();

        Assert.True((await bed.Wallet.PresentMdocAsync(imported.Id, s_names, Transcript(), MdocWalletTestBed.ClientId)).IsValid);
        var again = await bed.Wallet.PresentMdocAsync(imported.Id, s_names, Transcript(), MdocWalletTestBed.ClientId);

        Assert.Equal(HolderErrors.PlanAlreadyAnswered, again.Error!.Code);
    }

    [Fact]
    public async Task Another_format_cannot_be_presented_as_an_mdoc()
    {
        using var bed = await MdocWalletTestBed.CreateAsync();
        var presented = await bed.Wallet.PresentMdocAsync("no-such-id", s_names, Transcript(), MdocWalletTestBed.ClientId);

        Assert.Equal(WalletErrors.NotFound, presented.Error!.Code);
    }
}
