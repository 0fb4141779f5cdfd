using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.SdJwt;

/// <summary>
/// The verifier's key-binding policy (RFC 9901 section 7.3): whether a Key Binding JWT must be present and what it
/// must contain. The policy belongs to the verifier, never to the token: if key binding is required, a presentation
/// without a KB-JWT fails even when the credential has no <c>cnf</c>.
/// </summary>
public sealed class KeyBindingRequirement
{
    private KeyBindingRequirement(KeyBindingMode mode, string? audience, Func<string, CancellationToken, ValueTask<bool>>? nonceCheck)
    {
        Mode = mode;
        Audience = audience;
        NonceCheck = nonceCheck;
    }

    /// <summary>Key binding must be absent (for example an SD-JWT without holder binding).</summary>
    public static KeyBindingRequirement Forbidden { get; } = new(KeyBindingMode.Forbidden, null, null);

    /// <summary>Whether key binding is required, optional or forbidden.</summary>
    public KeyBindingMode Mode { get; }

    /// <summary>
    /// The expected <c>aud</c> (the verifier's identifier); <see langword="null"/> for <see cref="Forbidden"/> and for
    /// <see cref="RequiredAudienceAndNonceUnchecked"/>, which compares neither.
    /// </summary>
    public string? Audience { get; }

    /// <summary>
    /// Whether a KB-JWT's <c>aud</c> and <c>nonce</c> are compared with expected values. <see langword="false"/> only for
    /// <see cref="RequiredAudienceAndNonceUnchecked"/> (and <see cref="Forbidden"/>): the values are then reported in the
    /// result and the caller must not treat the presentation as meant for it.
    /// </summary>
    public bool ChecksAudienceAndNonce => NonceCheck is not null;

    /// <summary>
    /// Requires a KB-JWT and verifies its signature by the credential's <c>cnf</c> key, <c>typ</c>, <c>sd_hash</c> and
    /// <c>iat</c>, but does <b>not</b> compare <c>aud</c> and <c>nonce</c> with anything: they are returned in
    /// <see cref="KeyBindingResult.Audience"/> and <see cref="KeyBindingResult.Nonce"/> for the caller to show. Such a
    /// presentation proves the presenter holds the key, not that it was made for this verifier or this session: a
    /// presentation captured elsewhere passes. For inspecting a presentation (a command-line check, a debugging tool);
    /// a verifier that accepts presentations uses <see cref="Required(string, string)"/>.
    /// </summary>
    /// <remarks>RFC 9901 section 7.3 step 5 asks the verifier to check <c>aud</c> and <c>nonce</c>; this mode skips exactly that comparison.</remarks>
    public static KeyBindingRequirement RequiredAudienceAndNonceUnchecked { get; } = new(KeyBindingMode.Required, null, null);

    internal Func<string, CancellationToken, ValueTask<bool>>? NonceCheck { get; }

    /// <summary>Requires a KB-JWT for this audience and exactly this nonce (compared in constant time).</summary>
    /// <param name="audience">The verifier's identifier, expected in <c>aud</c>.</param>
    /// <param name="nonce">The nonce the verifier issued for this presentation.</param>
    public static KeyBindingRequirement Required(string audience, string nonce)
        => new(KeyBindingMode.Required, Check(audience), ExactNonce(nonce));

    /// <summary>
    /// Requires a KB-JWT for this audience and a nonce the application accepts, for example by looking it up in its
    /// store of issued nonces and removing it so a replay fails.
    /// </summary>
    /// <param name="audience">The verifier's identifier.</param>
    /// <param name="nonceCheck">Returns whether the nonce is acceptable.</param>
    public static KeyBindingRequirement Required(string audience, Func<string, CancellationToken, ValueTask<bool>> nonceCheck)
    {
        ArgumentNullException.ThrowIfNull(nonceCheck);
        return new(KeyBindingMode.Required, Check(audience), nonceCheck);
    }

    /// <summary>Accepts a presentation without key binding, but checks a KB-JWT fully when one is present.</summary>
    /// <param name="audience">The verifier's identifier.</param>
    /// <param name="nonce">The expected nonce.</param>
    public static KeyBindingRequirement Optional(string audience, string nonce)
        => new(KeyBindingMode.Optional, Check(audience), ExactNonce(nonce));

    private static string Check(string audience)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        return audience;
    }

    private static Func<string, CancellationToken, ValueTask<bool>> ExactNonce(string expected)
    {
        ArgumentException.ThrowIfNullOrEmpty(expected);
        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        return (nonce, _) => ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), expectedBytes));
    }
}

/// <summary>Whether a verifier requires, allows or forbids key binding.</summary>
public enum KeyBindingMode
{
    /// <summary>A valid KB-JWT must be present.</summary>
    Required,

    /// <summary>A KB-JWT may be absent; when present it must be valid.</summary>
    Optional,

    /// <summary>A KB-JWT must not be present.</summary>
    Forbidden,
}
