using System;
using System.Collections.Generic;

namespace Credentials.Http;

/// <summary>A response read within the limits of <see cref="HttpFetchOptions"/>.</summary>
public sealed record HttpFetchResponse
{
    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The media type of <c>Content-Type</c> without parameters, or <see langword="null"/>.</summary>
    public string? MediaType { get; init; }

    /// <summary>The body, at most <see cref="HttpFetchOptions.MaxResponseBytes"/> long.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The URL that answered (after the redirects that were followed).</summary>
    public required Uri Uri { get; init; }

    /// <summary>
    /// The response headers named in <see cref="HttpFetchRequest.ResponseHeaders"/> that the server sent (keys ignore
    /// case; several values are joined with <c>", "</c>). Empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyHeaders;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccessStatusCode => StatusCode is >= 200 and < 300;
}
