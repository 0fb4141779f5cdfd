using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.Dids;

/// <summary>A service (DID Core 1.0 section 5.4): a way to communicate with the DID subject. Immutable.</summary>
public sealed record DidService
{
    /// <summary>The service id (a URI, often a DID URL such as <c>#linked-domain</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The service types (DID Core 5.4: a string or a set of strings); written as a string when there is one.</summary>
    public required IReadOnlyList<string> Type { get; init; }

    /// <summary>The service endpoint (DID Core 5.4: a URI string, a map, or a set of these), as parsed JSON.</summary>
    public required JsonElement ServiceEndpoint { get; init; }
}
