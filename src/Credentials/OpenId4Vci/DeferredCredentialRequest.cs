using System;

namespace Credentials.OpenId4Vci;

/// <summary>A Deferred Credential Request (OpenID4VCI 1.0 section 9.1): the transaction and, optionally, a new response encryption key.</summary>
public sealed record DeferredCredentialRequest
{
    /// <summary>The largest request body accepted by <see cref="Read"/> (64 KiB).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The <c>transaction_id</c> of the 202 Credential Response.</summary>
    public required string TransactionId { get; init; }

    /// <summary>How the response is to be encrypted (<c>credential_response_encryption</c>); it replaces the one of the original Credential Request (section 9.2).</summary>
    public CredentialResponseEncryption? ResponseEncryption { get; init; }

    /// <summary>Serializes the request.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("transaction_id", TransactionId);
        ResponseEncryption?.WriteTo(w);
        w.WriteEndObject();
    });

    /// <summary>Parses an untrusted Deferred Credential Request body; unknown members are ignored (section 9.1). Never throws for bad input.</summary>
    /// <param name="utf8">The JSON body.</param>
    /// <returns>
    /// The request; or <see cref="OpenId4VciErrors.InvalidCredentialRequest"/> (not a JSON object within the size limit, no
    /// non-empty string <c>transaction_id</c>); or <see cref="OpenId4VciErrors.InvalidEncryptionParameters"/> (a malformed
    /// <c>credential_response_encryption</c>).
    /// </returns>
    public static VerificationResult<DeferredCredentialRequest> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxLength || OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "The Deferred Credential Request is not a JSON object within the size limit (or repeats a member).");
        }

        if (!OpenId4VciJson.TryRequiredString(root, "transaction_id", out var transactionId) || transactionId.Length > 512)
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "transaction_id must be a non-empty string.");
        }

        CredentialResponseEncryption? encryption = null;
        if (root.TryGetProperty("credential_response_encryption", out var element))
        {
            var read = CredentialResponseEncryption.Read(element);
            if (!read.IsValid)
            {
                return read.Error;
            }

            encryption = read.Value;
        }

        return new DeferredCredentialRequest { TransactionId = transactionId, ResponseEncryption = encryption };
    }

    /// <inheritdoc />
    public override string ToString() => "DeferredCredentialRequest";
}
