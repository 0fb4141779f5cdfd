using System;
using System.Collections.Generic;

namespace Credentials.Mdoc;

/// <summary>
/// The MSO's <c>keyAuthorizations</c> (ISO/IEC 18013-5 §9.1.2.4): the namespaces and data elements the device key may
/// sign itself (device-signed elements).
/// </summary>
public sealed class MdocKeyAuthorizations
{
    /// <summary>Creates key authorizations.</summary>
    /// <param name="nameSpaces">Namespaces whose every element the device key may sign.</param>
    /// <param name="dataElements">Single elements per namespace the device key may sign.</param>
    public MdocKeyAuthorizations(IReadOnlyList<string> nameSpaces, IReadOnlyDictionary<string, IReadOnlyList<string>> dataElements)
    {
        ArgumentNullException.ThrowIfNull(nameSpaces);
        ArgumentNullException.ThrowIfNull(dataElements);
        NameSpaces = nameSpaces;
        DataElements = dataElements;
    }

    /// <summary>Namespaces whose every element the device key may sign.</summary>
    public IReadOnlyList<string> NameSpaces { get; }

    /// <summary>Single data elements per namespace the device key may sign.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DataElements { get; }

    /// <summary>Whether the device key may sign this element.</summary>
    /// <param name="nameSpace">The namespace.</param>
    /// <param name="elementIdentifier">The element identifier.</param>
    public bool IsAuthorized(string nameSpace, string elementIdentifier)
    {
        foreach (var ns in NameSpaces)
        {
            if (string.Equals(ns, nameSpace, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (DataElements.TryGetValue(nameSpace, out var elements))
        {
            foreach (var e in elements)
            {
                if (string.Equals(e, elementIdentifier, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
