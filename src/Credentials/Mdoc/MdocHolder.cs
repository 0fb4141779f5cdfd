using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// Presents mdocs (ISO/IEC 18013-5 §8.3.2.1.2.2, §9.1.3): a DeviceResponse with only the selected issuer-signed items
/// of each document and a device signature over the DeviceAuthentication for the session transcript. Stateless and
/// thread-safe.
/// </summary>
public static class MdocHolder
{
    private static readonly ReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> s_noDeviceNameSpaces = new(new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>());

    /// <summary>Builds a DeviceResponse.</summary>
    /// <param name="documents">The documents to present, each with its selection and device key.</param>
    /// <param name="transcript">The session transcript (for OpenID4VP: <see cref="SessionTranscript.ForOpenId4Vp"/> or <see cref="SessionTranscript.ForDigitalCredentialsApi"/>).</param>
    /// <param name="cancellationToken">Cancels a remote signing call.</param>
    /// <returns>The DeviceResponse (encode it with <see cref="DeviceResponse.Encode"/>).</returns>
    /// <exception cref="ArgumentException">A document selects nothing it has.</exception>
    public static async ValueTask<DeviceResponse> PresentAsync(IReadOnlyList<MdocPresentationInput> documents, SessionTranscript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(transcript);
        var result = new MdocDocument[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var input = documents[i];
            ArgumentNullException.ThrowIfNull(input, nameof(documents));
            ArgumentNullException.ThrowIfNull(input.IssuerSigned, nameof(documents));
            ArgumentNullException.ThrowIfNull(input.Selection, nameof(documents));
            ArgumentNullException.ThrowIfNull(input.DeviceKey, nameof(documents));

            // Data minimisation: only the selected IssuerSignedItems go out.
            var selected = input.IssuerSigned.Select(input.Selection);
            if (selected.NameSpaces.Count == 0)
            {
                throw new ArgumentException("A document's selection matches none of its elements.", nameof(documents));
            }

            var docType = selected.DocType;
            var nameSpacesBytes = DeviceSigned.EmptyNameSpacesBytes;

            // §9.1.3.4: the device signs DeviceAuthenticationBytes, detached (the payload is null on the wire).
            var toSign = DeviceAuthentication.Encode(transcript.Encoded.Span, docType, nameSpacesBytes);
            var signature = await CoseMessage.SignAsync(input.DeviceKey, null, toSign, detached: true, cancellationToken).ConfigureAwait(false);
            var message = CoseMessage.Read(StrictCbor.CreateReader(signature), signature, 0, "The deviceSignature");
            var deviceSigned = new DeviceSigned(nameSpacesBytes, s_noDeviceNameSpaces, message, null);
            result[i] = new MdocDocument(docType, selected, deviceSigned, null);
        }

        return new DeviceResponse(DeviceResponse.Version10, result, [], 0);
    }
}
