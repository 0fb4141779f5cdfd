using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.W3c.JsonLd;

/// <summary>An item of a document in expanded form (JSON-LD 1.1 section 9): a node, value or list object.</summary>
internal abstract class ExpandedItem
{
    /// <summary>The <c>@index</c> entry, if any.</summary>
    public string? Index { get; set; }
}

/// <summary>A node object in expanded form (JSON-LD 1.1 section 9.2). Properties keep their expanded IRIs as keys.</summary>
internal sealed class NodeObject : ExpandedItem
{
    public string? Id { get; set; }

    public List<string>? Types { get; set; }

    public Dictionary<string, List<ExpandedItem>>? Properties { get; set; }

    public Dictionary<string, List<ExpandedItem>>? Reverse { get; set; }

    /// <summary>The <c>@graph</c> entry: <see langword="null"/> when absent (an empty list is a graph with no nodes).</summary>
    public List<ExpandedItem>? Graph { get; set; }

    public List<ExpandedItem>? Included { get; set; }

    /// <summary>Whether the object is a graph object: <c>@graph</c> and at most <c>@id</c> and <c>@index</c> (JSON-LD 1.1 section 9.4).</summary>
    public bool IsGraphObject => Graph is not null && Types is null && Properties is null && Reverse is null && Included is null;

    /// <summary>Whether only <c>@graph</c> is present (not even <c>@id</c> or <c>@index</c>).</summary>
    public bool IsSimpleGraphObject => IsGraphObject && Id is null && Index is null;
}

/// <summary>The kind of the <c>@value</c> of a value object.</summary>
internal enum ValueKind
{
    String,
    Number,
    Boolean,
    Json,
}

/// <summary>A value object in expanded form (JSON-LD 1.1 section 9.5).</summary>
internal sealed class ValueObject : ExpandedItem
{
    public ValueKind Kind { get; set; }

    /// <summary>The string value, for <see cref="ValueKind.String"/>.</summary>
    public string? Text { get; set; }

    /// <summary>The JSON value, for numbers, booleans and JSON literals.</summary>
    public JsonElement Json { get; set; }

    /// <summary>The datatype IRI, or <c>@json</c>.</summary>
    public string? Type { get; set; }

    public string? Language { get; set; }

    public string? Direction { get; set; }
}

/// <summary>A list object in expanded form (JSON-LD 1.1 section 9.7).</summary>
internal sealed class ListObject : ExpandedItem
{
    public ListObject(List<ExpandedItem> items) => Items = items;

    public List<ExpandedItem> Items { get; }
}
