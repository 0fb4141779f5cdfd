using System;
using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Dcql.Matching;

namespace Credentials.Dcql;

/// <summary>
/// A Digital Credentials Query Language query (OpenID for Verifiable Presentations 1.0, section 6): the credentials a
/// Verifier asks for and how they may be combined. Parse untrusted queries with <see cref="Read(string, DcqlReaderOptions?)"/>;
/// match them against a wallet with <see cref="DcqlMatcher"/>.
/// </summary>
public sealed record DcqlQuery
{
    /// <summary>The Credential Queries; non-empty, ids unique.</summary>
    public required ImmutableArray<CredentialQuery> Credentials { get; init; }

    /// <summary>The Credential Set Queries, or <see langword="null"/> when every Credential Query is requested.</summary>
    public ImmutableArray<CredentialSetQuery>? CredentialSets { get; init; }

    /// <summary>Parses and validates a query from JSON text; never throws for bad input.</summary>
    /// <param name="json">The <c>dcql_query</c> JSON.</param>
    /// <param name="options">Limits; <see cref="DcqlReaderOptions.Default"/> when omitted.</param>
    /// <returns>The query, or a <see cref="DcqlErrors"/> code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static VerificationResult<DcqlQuery> Read(string json, DcqlReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= DcqlReaderOptions.Default;
        options.Validate();
        if (json.Length > options.MaxBytes || Encoding.UTF8.GetByteCount(json) > options.MaxBytes)
        {
            return new VerificationError(DcqlErrors.TooLarge, "The query exceeds the size limit.");
        }

        return DcqlReader.Read(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Parses and validates a query from UTF-8 JSON; never throws for bad input.</summary>
    /// <param name="utf8Json">The <c>dcql_query</c> JSON as UTF-8.</param>
    /// <param name="options">Limits; <see cref="DcqlReaderOptions.Default"/> when omitted.</param>
    /// <returns>The query, or a <see cref="DcqlErrors"/> code.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static VerificationResult<DcqlQuery> Read(ReadOnlyMemory<byte> utf8Json, DcqlReaderOptions? options = null)
    {
        options ??= DcqlReaderOptions.Default;
        options.Validate();
        return DcqlReader.Read(utf8Json, options);
    }

    /// <summary>
    /// Validates a query that is already parsed, for example the <c>dcql_query</c> member of a Request Object; never
    /// throws for bad input. The size limit does not apply; depth and count limits do.
    /// </summary>
    /// <param name="element">The <c>dcql_query</c> value.</param>
    /// <param name="options">Limits; <see cref="DcqlReaderOptions.Default"/> when omitted.</param>
    /// <returns>The query, or a <see cref="DcqlErrors"/> code.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static VerificationResult<DcqlQuery> FromJson(JsonElement element, DcqlReaderOptions? options = null)
    {
        options ??= DcqlReaderOptions.Default;
        options.Validate();
        return DcqlReader.Read(element, options);
    }

    /// <summary>Finds a Credential Query by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The Credential Query, or <see langword="null"/>.</returns>
    public CredentialQuery? FindCredential(string id)
    {
        foreach (var credential in Credentials)
        {
            if (string.Equals(credential.Id, id, StringComparison.Ordinal))
            {
                return credential;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the query as compact JSON (UTF-8, non-ASCII unescaped). Default values are omitted; members that the
    /// specification asks implementations to ignore are not written, except unknown members of <c>meta</c>.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the query as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DcqlWriter.Write(writer, this);
    }
}
