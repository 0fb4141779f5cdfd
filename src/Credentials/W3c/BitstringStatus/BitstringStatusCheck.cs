using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Status;

namespace Credentials.W3c.BitstringStatus;

/// <summary>Section 3.2, Validate: one <c>BitstringStatusListEntry</c> of a verified credential against its list.</summary>
internal static class BitstringStatusCheck
{
    /// <returns><see langword="null"/> when the entry's status does not stop the credential; otherwise why it does.</returns>
    public static async ValueTask<VerificationError?> CheckAsync(JsonElement entryJson, IBitstringStatusListResolver? resolver, long minimumEntries, CancellationToken cancellationToken)
    {
        var read = BitstringStatusListEntry.Read(entryJson);
        if (!read.IsValid)
        {
            return read.Error;
        }

        var entry = read.Value;
        if (resolver is null)
        {
            return new VerificationError(BitstringStatusErrors.RetrievalFailed, "The credential has a status entry and the verifier has no status list resolver.");
        }

        var resolved = await resolver.ResolveAsync(entry.StatusListCredential, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsValid)
        {
            return resolved.Error;
        }

        var list = resolved.Value;

        // "Verify that the status purpose is equal to a statusPurpose value in the statusListCredential."
        if (!list.StatusPurposes.Contains(entry.StatusPurpose))
        {
            return new VerificationError(BitstringStatusErrors.PurposeMismatch, "The status list does not serve the entry's statusPurpose.");
        }

        var bits = list.GetList(entry.StatusSize);

        // "If the length of the revocation bitstring divided by statusSize is less than minimumNumberOfEntries, raise a
        // STATUS_LIST_LENGTH_ERROR."
        if (bits.Length < minimumEntries)
        {
            return new VerificationError(BitstringStatusErrors.ListTooShort, $"The status list holds {bits.Length} entries, fewer than the {minimumEntries} herd privacy needs.");
        }

        // "If the credentialIndex multiplied by the size is a value outside of the range of the bitstring, a RANGE_ERROR
        // MUST be raised."
        if (!bits.TryGetStatus(entry.StatusListIndex, out var status))
        {
            return new VerificationError(BitstringStatusErrors.IndexOutOfRange, "The entry's statusListIndex lies outside the status list.");
        }

        if (status == 0)
        {
            return null;
        }

        return entry.StatusPurpose switch
        {
            BitstringStatusPurposes.Revocation => new VerificationError(StatusErrors.Revoked, "The credential has been revoked."),
            BitstringStatusPurposes.Suspension => new VerificationError(StatusErrors.Suspended, "The credential is suspended."),

            // refresh does not invalidate the credential; message values are the application's to interpret.
            _ => null,
        };
    }
}
