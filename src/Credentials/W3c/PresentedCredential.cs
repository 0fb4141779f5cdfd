using System.Text.Json;

namespace Credentials.W3c;

/// <summary>
/// One value of a presentation's <c>verifiableCredential</c>: a credential with an embedded proof (or a
/// self-asserted one), or an enveloped credential (VCDM 2.0 section 4.13).
/// </summary>
public sealed class PresentedCredential
{
    internal PresentedCredential(JsonElement json, W3cCredential? embedded, EnvelopedVerifiableCredential? enveloped)
    {
        Json = json;
        Embedded = embedded;
        Enveloped = enveloped;
    }

    /// <summary>The value as it appears in the presentation.</summary>
    public JsonElement Json { get; }

    /// <summary>The credential, when it is embedded (not enveloped); its <see cref="W3cCredential.Proof"/> secures it unless it is self-asserted.</summary>
    public W3cCredential? Embedded { get; }

    /// <summary>The envelope, when the credential is enveloped (for example <c>data:application/vc+jwt,…</c>).</summary>
    public EnvelopedVerifiableCredential? Enveloped { get; }

    /// <summary>Whether the credential is enveloped.</summary>
    public bool IsEnveloped => Enveloped is not null;
}
