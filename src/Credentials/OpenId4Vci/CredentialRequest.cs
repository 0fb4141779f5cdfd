using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>
/// A Credential Request (OpenID4VCI 1.0 section 8.2): which configuration (or credential identifier) and the key
/// proofs, one per credential to issue.
/// </summary>
public sealed record CredentialRequest
{
    /// <summary>The largest request body accepted by <see cref="Read"/> (256 KiB).</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The requested configuration (<c>credential_configuration_id</c>); exclusive with <see cref="CredentialIdentifier"/>.</summary>
    public string? CredentialConfigurationId { get; init; }

    /// <summary>The requested Credential Dataset (<c>credential_identifier</c>, only after a Token Response with <c>authorization_details</c>).</summary>
    public string? CredentialIdentifier { get; init; }

    /// <summary>The <c>jwt</c> key proofs (<c>proofs.jwt</c>); <see langword="null"/> when <c>proofs</c> is absent.</summary>
    public IReadOnlyList<string>? JwtProofs { get; init; }

    /// <summary>
    /// The <c>attestation</c> proof (<c>proofs.attestation</c>, appendix F.3): exactly one key attestation JWT whose
    /// attested keys the credentials are bound to; <see langword="null"/> when absent. Exclusive with <see cref="JwtProofs"/>.
    /// </summary>
    public IReadOnlyList<string>? AttestationProofs { get; init; }

    /// <summary>How the Credential Response is to be encrypted (<c>credential_response_encryption</c>, section 8.2); <see langword="null"/> for a plain response.</summary>
    public CredentialResponseEncryption? ResponseEncryption { get; init; }

    /// <summary>Serializes the request.</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">Both or neither of the identifiers are set.</exception>
    public string ToJson()
    {
        if ((CredentialConfigurationId is null) == (CredentialIdentifier is null))
        {
            throw new InvalidOperationException("Set exactly one of CredentialConfigurationId and CredentialIdentifier.");
        }

        return OpenId4VciJson.Write(w =>
        {
            w.WriteStartObject();
            if (CredentialIdentifier is not null)
            {
                w.WriteString("credential_identifier", CredentialIdentifier);
            }
            else
            {
                w.WriteString("credential_configuration_id", CredentialConfigurationId);
            }

            if (JwtProofs is not null)
            {
                w.WriteStartObject("proofs");
                OpenId4VciJson.WriteStringArray(w, ProofTypeMetadata.Jwt, JwtProofs);
                w.WriteEndObject();
            }
            else if (AttestationProofs is not null)
            {
                w.WriteStartObject("proofs");
                OpenId4VciJson.WriteStringArray(w, ProofTypeMetadata.Attestation, AttestationProofs);
                w.WriteEndObject();
            }

            ResponseEncryption?.WriteTo(w);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Parses an untrusted Credential Request body. Never throws for bad input. Unknown members are ignored
    /// (section 8.2). Whether proofs are required is the issuer's decision, not checked here.
    /// </summary>
    /// <param name="utf8">The body (<c>application/json</c>).</param>
    /// <returns>
    /// The request; or <see cref="OpenId4VciErrors.InvalidCredentialRequest"/> (not a JSON object, a repeated member, both
    /// or neither identifier, a non-string identifier); <see cref="OpenId4VciErrors.InvalidProof"/> (<c>proofs</c> not an
    /// object with exactly one proof type, a proof type other than <c>jwt</c> and <c>attestation</c>, an empty or non-string array, or an <c>attestation</c> array not of exactly one JWT);
    /// <see cref="OpenId4VciErrors.InvalidEncryptionParameters"/> (<c>credential_response_encryption</c> is not an object
    /// with a public <c>jwk</c>, an <c>enc</c> string and an optional <c>zip</c> string; whether the issuer supports them
    /// is its decision, not checked here).
    /// </returns>
    public static VerificationResult<CredentialRequest> Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > MaxLength || OpenId4VciJson.ParseObject(utf8) is not { } root)
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "The Credential Request is not a JSON object within the size limit (or repeats a member).");
        }

        if (!OpenId4VciJson.TryOptionalString(root, "credential_configuration_id", out var configurationId)
            || !OpenId4VciJson.TryOptionalString(root, "credential_identifier", out var identifier))
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "credential_configuration_id and credential_identifier must be strings.");
        }

        if ((configurationId is null) == (identifier is null))
        {
            return new VerificationError(OpenId4VciErrors.InvalidCredentialRequest, "Exactly one of credential_configuration_id and credential_identifier must be present.");
        }

        CredentialResponseEncryption? encryption = null;
        if (root.TryGetProperty("credential_response_encryption", out var encryptionElement))
        {
            var read = CredentialResponseEncryption.Read(encryptionElement);
            if (!read.IsValid)
            {
                return read.Error;
            }

            encryption = read.Value;
        }

        List<string>? proofs = null;
        if (root.TryGetProperty("proofs", out var proofsElement))
        {
            if (proofsElement.ValueKind != JsonValueKind.Object)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "proofs must be an object.");
            }

            var count = 0;
            foreach (var _ in proofsElement.EnumerateObject())
            {
                count++;
            }

            if (count != 1)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "proofs must contain exactly one proof type.");
            }

            // Appendix F.3: an attestation proof is an array holding exactly one key attestation JWT.
            if (proofsElement.TryGetProperty(ProofTypeMetadata.Attestation, out var attestations))
            {
                if (attestations.ValueKind != JsonValueKind.Array || attestations.GetArrayLength() != 1
                    || attestations[0].ValueKind != JsonValueKind.String || string.IsNullOrEmpty(attestations[0].GetString()))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidProof, "proofs.attestation must be an array of exactly one JWT.");
                }

                return new CredentialRequest { CredentialConfigurationId = configurationId, CredentialIdentifier = identifier, AttestationProofs = [attestations[0].GetString()!] };
            }

            if (!proofsElement.TryGetProperty(ProofTypeMetadata.Jwt, out var jwts))
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "Only the jwt and attestation proof types are supported.");
            }

            if (jwts.ValueKind != JsonValueKind.Array || jwts.GetArrayLength() == 0)
            {
                return new VerificationError(OpenId4VciErrors.InvalidProof, "proofs.jwt must be a non-empty array.");
            }

            proofs = [];
            foreach (var item in jwts.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
                {
                    return new VerificationError(OpenId4VciErrors.InvalidProof, "Each proofs.jwt entry must be a non-empty string.");
                }

                proofs.Add(item.GetString()!);
            }
        }

        return new CredentialRequest { CredentialConfigurationId = configurationId, CredentialIdentifier = identifier, JwtProofs = proofs, ResponseEncryption = encryption };
    }


    /// <inheritdoc />
    public override string ToString() => $"CredentialRequest({CredentialConfigurationId ?? CredentialIdentifier}, proofs={JwtProofs?.Count ?? AttestationProofs?.Count ?? 0})";
}
