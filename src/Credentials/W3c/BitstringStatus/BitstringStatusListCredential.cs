using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// A verified <c>BitstringStatusListCredential</c> (section 2.2): the list's purposes, its decoded bitstring, and the
/// verified credential that carried it.
/// </summary>
public sealed class BitstringStatusListCredential
{
    private readonly byte[] _bits;

    private BitstringStatusListCredential(VerifiedW3cCredential credential, ImmutableArray<string> purposes, byte[] bits, TimeSpan? timeToLive)
    {
        Credential = credential;
        StatusPurposes = purposes;
        _bits = bits;
        TimeToLive = timeToLive;
    }

    /// <summary>The verified credential (its issuer, validity and how it was secured).</summary>
    public VerifiedW3cCredential Credential { get; }

    /// <summary>The list's <c>statusPurpose</c> values (one or more).</summary>
    public ImmutableArray<string> StatusPurposes { get; }

    /// <summary>The <c>ttl</c>: how long the publisher asks verifiers to keep it, when stated.</summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>The uncompressed bitstring's length in bits.</summary>
    public long BitLength => (long)_bits.Length * 8;

    /// <summary>The list read with entries of <paramref name="statusSize"/> bits (an entry's <c>statusSize</c>).</summary>
    /// <param name="statusSize">1 to <see cref="BitstringStatusList.MaxStatusSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is out of range.</exception>
    public BitstringStatusList GetList(int statusSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, BitstringStatusList.MaxStatusSize);
        return BitstringStatusList.Wrap(_bits, statusSize);
    }

    /// <summary>
    /// Reads the list from a credential whose proof has been verified: the section 2.2 MUSTs (type, subject type,
    /// purposes, <c>encodedList</c>) and the bitstring. Never throws for bad input.
    /// </summary>
    /// <param name="credential">The verified list credential.</param>
    /// <param name="maxBytes">The largest uncompressed bitstring to accept.</param>
    public static VerificationResult<BitstringStatusListCredential> Read(VerifiedW3cCredential credential, int maxBytes = BitstringStatusList.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var vc = credential.Credential;
        if (!vc.HasType("BitstringStatusListCredential"))
        {
            return Malformed("The status list credential's type must include BitstringStatusListCredential.");
        }

        if (vc.CredentialSubjects.Length != 1)
        {
            return Malformed("The status list credential must have one credentialSubject.");
        }

        var subject = vc.CredentialSubjects[0];
        if (!subject.Types.Contains("BitstringStatusList"))
        {
            return Malformed("The status list's credentialSubject.type must be BitstringStatusList.");
        }

        // Section 2.2: statusPurpose "MUST be one or more strings".
        if (!subject.TryGetClaim("statusPurpose", out var purposeElement))
        {
            return Malformed("The status list has no statusPurpose.");
        }

        ImmutableArray<string> purposes;
        if (purposeElement.ValueKind == JsonValueKind.String && purposeElement.GetString() is { Length: > 0 } single)
        {
            purposes = [single];
        }
        else if (purposeElement.ValueKind == JsonValueKind.Array && purposeElement.GetArrayLength() > 0)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var item in purposeElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } purpose)
                {
                    return Malformed("The status list's statusPurpose must be one or more strings.");
                }

                builder.Add(purpose);
            }

            purposes = builder.ToImmutable();
        }
        else
        {
            return Malformed("The status list's statusPurpose must be one or more strings.");
        }

        if (!subject.TryGetClaim("encodedList", out var encoded) || encoded.ValueKind != JsonValueKind.String)
        {
            return Malformed("The status list has no encodedList string.");
        }

        TimeSpan? ttl = null;
        if (subject.TryGetClaim("ttl", out var ttlElement))
        {
            if (ttlElement.ValueKind != JsonValueKind.Number || !ttlElement.TryGetInt64(out var milliseconds) || milliseconds < 0)
            {
                return Malformed("The status list's ttl must be a non-negative number of milliseconds.");
            }

            ttl = TimeSpan.FromMilliseconds(Math.Min(milliseconds, (long)TimeSpan.MaxValue.TotalMilliseconds / 2));
        }

        var decoded = BitstringStatusList.Decode(encoded.GetString()!, 1, maxBytes);
        if (!decoded.IsValid)
        {
            return decoded.Error;
        }

        return new BitstringStatusListCredential(credential, purposes, decoded.Value.Bits, ttl);
    }

    private static VerificationError Malformed(string message) => new(BitstringStatusErrors.MalformedList, message);
}
