using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;

namespace Credentials.Tests.SdJwt.Presentation;

/// <summary>RFC 9901 section 4.3: a holder never signs a KB-JWT without an audience and a nonce; an empty one is a caller's bug.</summary>
public sealed class KeyBindingInputTests
{
    public static TheoryData<string?, string?> BadInputs => new()
    {
        { "", "n-1" },
        { null, "n-1" },
        { "   ", "n-1" },
        { "https://verifier.example", "" },
        { "https://verifier.example", null },
        { "https://verifier.example", "\t" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CreateKeyBindingJwtAsync_EmptyOrNullAudienceOrNonce_ThrowsArgumentException(string? audience, string? nonce)
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await new SdJwtIssuer(issuerKey).IssueAsync(SdJwtPayload.Create().Disclosable("a", 1), holderKey.PublicJwk);

        await Assert.ThrowsAsync<ArgumentException>(() => new SdJwtHolder().CreateKeyBindingJwtAsync(issued, new KeyBindingInput(audience!, nonce!), holderKey).AsTask());
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task PresentAsync_EmptyOrNullAudienceOrNonce_ThrowsArgumentException(string? audience, string? nonce)
    {
        using var issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await new SdJwtIssuer(issuerKey).IssueAsync(SdJwtPayload.Create().Disclosable("a", 1), holderKey.PublicJwk);

        await Assert.ThrowsAsync<ArgumentException>(() => new SdJwtHolder().PresentAsync(issued, [ClaimPath.Of("a")], new KeyBindingInput(audience!, nonce!), holderKey).AsTask());
    }
}
