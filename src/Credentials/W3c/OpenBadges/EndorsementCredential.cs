using System;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// A credential in which a third party endorses an achievement, a profile or another credential (Open Badges 3.0
/// appendix B.1, EndorsementCredential). A view over a <see cref="W3cCredential"/>, whose JSON stays as read.
/// </summary>
public sealed class EndorsementCredential
{
    private EndorsementCredential(W3cCredential credential, OpenBadgeProfile issuer, EndorsementSubject subject)
    {
        Credential = credential;
        Issuer = issuer;
        Subject = subject;
    }

    /// <summary>The underlying W3C credential (dates, status, proof, every member).</summary>
    public W3cCredential Credential { get; }

    /// <summary>The endorser.</summary>
    public OpenBadgeProfile Issuer { get; }

    /// <summary>What is endorsed and the comment.</summary>
    public EndorsementSubject Subject { get; }

    /// <summary>The credential's name (required by the schema).</summary>
    public LocalizedText? Name => Credential.Name;

    /// <summary>The whole document as read.</summary>
    public JsonElement Json => Credential.Json;

    /// <summary>Reads an endorsement credential from untrusted JSON; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The credential, or the first violation (<c>vc.*</c> or <c>ob.*</c>).</returns>
    public static VerificationResult<EndorsementCredential> Read(string json)
    {
        var read = W3cCredential.Read(json);
        return read.IsValid ? From(read.Value) : read.Error!;
    }

    /// <summary>Reads an endorsement credential from an untrusted JSON element (it is copied); never throws for bad input.</summary>
    /// <param name="json">The JSON element.</param>
    /// <returns>The credential, or the first violation (<c>vc.*</c> or <c>ob.*</c>).</returns>
    public static VerificationResult<EndorsementCredential> Read(JsonElement json)
    {
        var read = W3cCredential.Read(json);
        return read.IsValid ? From(read.Value) : read.Error!;
    }

    /// <summary>Checks the Open Badges rules on a credential already read.</summary>
    /// <param name="credential">The credential.</param>
    /// <returns>The endorsement, or the first violation (<c>ob.*</c>).</returns>
    public static VerificationResult<EndorsementCredential> From(W3cCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!credential.HasType(OpenBadgeTypes.EndorsementCredential))
        {
            return new VerificationError(OpenBadgeErrors.InvalidType, "The credential's type must include 'EndorsementCredential'.") { Path = ClaimPath.Of("type") };
        }

        var error = OpenBadgeRules.CheckContext(credential);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.ReadIssuer(credential, out var issuer);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.ReadSubject(credential, OpenBadgeTypes.EndorsementSubject, out var subject);
        if (error is not null)
        {
            return error;
        }

        // Appendix B.1, EndorsementSubject: id is required.
        error = OpenBadgeRules.CheckString(subject, "id", required: true, OpenBadgeErrors.InvalidSubject, ClaimPath.Of("credentialSubject"));
        return error is not null ? error : new EndorsementCredential(credential, issuer, new EndorsementSubject(subject));
    }

    /// <inheritdoc />
    public override string ToString() => $"EndorsementCredential({Subject.Id}, endorser {Issuer.Id})";
}
