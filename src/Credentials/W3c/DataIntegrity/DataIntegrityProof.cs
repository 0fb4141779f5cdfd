using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// A Data Integrity proof (VC Data Integrity 1.0 sections 2.1 and 3.1) as it appears in a secured document, immutable.
/// <see cref="Json"/> keeps the proof object as received: the proof configuration is hashed from it, extra members
/// included, never from these properties.
/// </summary>
public sealed record DataIntegrityProof
{
    /// <summary>The <c>type</c> for every suite here.</summary>
    public const string DataIntegrityProofType = "DataIntegrityProof";

    /// <summary>The proof's <c>id</c> (a URL such as <c>urn:uuid:…</c>), which <see cref="PreviousProof"/> of a later proof names; or <see langword="null"/>.</summary>
    public string? Id { get; init; }

    /// <summary>The <c>type</c>, <see cref="DataIntegrityProofType"/> for the suites here.</summary>
    public required string Type { get; init; }

    /// <summary>The <c>cryptosuite</c> value as written, for example <c>eddsa-rdfc-2022</c>; <see langword="null"/> when absent.</summary>
    public string? Cryptosuite { get; init; }

    /// <summary>The <c>verificationMethod</c>: the URL (here a DID URL) of the public key.</summary>
    public required string VerificationMethod { get; init; }

    /// <summary>The <c>proofPurpose</c>, for example <see cref="ProofPurposes.AssertionMethod"/>.</summary>
    public required string ProofPurpose { get; init; }

    /// <summary>The <c>created</c> instant, or <see langword="null"/>.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The <c>expires</c> instant, or <see langword="null"/>.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The <c>domain</c> values (a single string is a set of one); empty when absent.</summary>
    public IReadOnlyList<string> Domain { get; init; } = [];

    /// <summary>The <c>challenge</c>, or <see langword="null"/>.</summary>
    public string? Challenge { get; init; }

    /// <summary>The <c>nonce</c>, or <see langword="null"/>.</summary>
    public string? Nonce { get; init; }

    /// <summary>The <c>previousProof</c> ids (a single string is a list of one); empty when absent.</summary>
    public IReadOnlyList<string> PreviousProof { get; init; } = [];

    /// <summary>The <c>proofValue</c>: the multibase base58btc signature (<c>z…</c>).</summary>
    public required string ProofValue { get; init; }

    /// <summary>The proof object as it appears in the document.</summary>
    public JsonElement Json { get; init; }

    /// <summary>
    /// Reads a proof object from untrusted JSON, checking the members VC Data Integrity 1.0 section 2.1 defines: never
    /// throws for bad input. It does not check the signature; <see cref="DataIntegrityVerifier"/> does.
    /// </summary>
    /// <param name="proof">The proof object.</param>
    /// <returns>The proof, or <see cref="DataIntegrityErrors.InvalidProof"/>.</returns>
    public static VerificationResult<DataIntegrityProof> Read(JsonElement proof)
    {
        if (proof.ValueKind != JsonValueKind.Object)
        {
            return Invalid("A proof must be a JSON object.");
        }

        // Section 2.1 and 4.4 step 4: type, verificationMethod and proofPurpose must exist; section 3.1: a
        // DataIntegrityProof has a proofValue.
        if (!TryGetString(proof, "type", required: true, out var type)
            || !TryGetString(proof, "verificationMethod", required: true, out var verificationMethod)
            || !TryGetString(proof, "proofPurpose", required: true, out var proofPurpose)
            || !TryGetString(proof, "proofValue", required: true, out var proofValue))
        {
            return Invalid("A proof needs the strings 'type', 'verificationMethod', 'proofPurpose' and 'proofValue'.");
        }

        if (!TryGetString(proof, "cryptosuite", required: false, out var cryptosuite)
            || !TryGetString(proof, "id", required: false, out var id)
            || !TryGetString(proof, "challenge", required: false, out var challenge)
            || !TryGetString(proof, "nonce", required: false, out var nonce))
        {
            return Invalid("The proof's 'cryptosuite', 'id', 'challenge' and 'nonce' must be strings.");
        }

        // Section 2.1: id, verificationMethod and (for DataIntegrityProof) type map to URLs.
        if ((id is not null && !IsAbsoluteUrl(id)) || !IsAbsoluteUrl(verificationMethod!))
        {
            return Invalid("The proof's 'id' and 'verificationMethod' must be absolute URLs.");
        }

        if (!TryGetDate(proof, "created", out var created) || !TryGetDate(proof, "expires", out var expires))
        {
            return Invalid("The proof's 'created' and 'expires' must be XML Schema dateTime values.");
        }

        // Section 2.1: domain and previousProof are a string or an unordered set of strings.
        if (!TryGetStringSet(proof, "domain", out var domain) || !TryGetStringSet(proof, "previousProof", out var previousProof))
        {
            return Invalid("The proof's 'domain' and 'previousProof' must be a string or an array of strings.");
        }

        return new DataIntegrityProof
        {
            Id = id,
            Type = type!,
            Cryptosuite = cryptosuite,
            VerificationMethod = verificationMethod!,
            ProofPurpose = proofPurpose!,
            Created = created,
            Expires = expires,
            Domain = domain,
            Challenge = challenge,
            Nonce = nonce,
            PreviousProof = previousProof,
            ProofValue = proofValue!,
            Json = proof,
        };
    }

    private static VerificationError Invalid(string message) => new(DataIntegrityErrors.InvalidProof, message);

    private static bool TryGetString(JsonElement proof, string name, bool required, out string? value)
    {
        value = null;
        if (!proof.TryGetProperty(name, out var member))
        {
            return !required;
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = member.GetString();
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape.
            return false;
        }

        return value is not null;
    }

    private static bool TryGetDate(JsonElement proof, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!TryGetString(proof, name, required: false, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!XsdDateTime.TryParse(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryGetStringSet(JsonElement proof, string name, out IReadOnlyList<string> values)
    {
        values = [];
        if (!proof.TryGetProperty(name, out var member))
        {
            return true;
        }

        if (member.ValueKind == JsonValueKind.String)
        {
            if (!TryGetString(proof, name, required: true, out var single))
            {
                return false;
            }

            values = [single!];
            return true;
        }

        if (member.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>(member.GetArrayLength());
        foreach (var item in member.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            try
            {
                list.Add(item.GetString()!);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        values = list;
        return true;
    }

    private static bool IsAbsoluteUrl(string value)
    {
        // A scheme (RFC 3986 section 3.1) followed by ':'; DID URLs and urn:uuid: qualify.
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return colon < value.Length - 1;
    }
}
