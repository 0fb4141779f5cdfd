using System.Collections.Generic;
using Credentials.Keys;

namespace Credentials.Mdoc;

/// <summary>One document to present: the stored issuer-signed data, the elements to disclose and the device key that signs.</summary>
/// <param name="IssuerSigned">The issuer-signed data as issued.</param>
/// <param name="Selection">Namespace → element identifiers to disclose; nothing else leaves the device.</param>
/// <param name="DeviceKey">The signer for the device key in the MSO (<c>deviceKeyInfo.deviceKey</c>).</param>
public sealed record MdocPresentationInput(IssuerSigned IssuerSigned, IReadOnlyDictionary<string, IReadOnlyCollection<string>> Selection, ISigner DeviceKey);
