using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Credentials.SdJwt;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Credentials.Conformance.Tests.SdJwt;

/// <summary>
/// Reads sd-jwt-python test-case YAML with the representation model, so the <c>!sd</c> tag on a mapping key or a
/// sequence element is seen and turned into "selectively disclosable". Plain scalars resolve as PyYAML's YAML 1.1
/// resolver does (null, bool, int, float, else string); quoted scalars are strings; a tag does not change typing.
/// </summary>
internal static partial class SdJwtPythonYaml
{
    private const string SdTag = "!sd";

    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(SdJwtVectors.ReadText(relativePath)))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Get(YamlMappingNode mapping, string key)
        => mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static bool IsSd(YamlNode node) => !node.Tag.IsEmpty && node.Tag.Value == SdTag;

    /// <summary>Builds the payload description: a tagged key makes the member disclosable, a tagged element the element.</summary>
    public static void FillObject(SdObject target, YamlMappingNode mapping)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (YamlScalarNode)keyNode;
            if (!key.Tag.IsEmpty && !IsSd(key))
            {
                throw new InvalidOperationException($"Unexpected tag {key.Tag} on key '{key.Value}'.");
            }

            if (!value.Tag.IsEmpty)
            {
                throw new InvalidOperationException($"A mapping value carries tag {value.Tag}; tags go on keys.");
            }

            var name = key.Value!;
            var disclosable = IsSd(key);
            switch (value)
            {
                case YamlMappingNode nested:
                    target.Object(name, o => FillObject(o, nested), disclosable);
                    break;
                case YamlSequenceNode sequence:
                    target.Array(name, a => FillArray(a, sequence), disclosable);
                    break;
                default:
                    if (disclosable)
                    {
                        target.Disclosable(name, ToJson(value));
                    }
                    else
                    {
                        target.Claim(name, ToJson(value));
                    }

                    break;
            }
        }
    }

    public static void FillArray(SdArray target, YamlSequenceNode sequence)
    {
        foreach (var element in sequence.Children)
        {
            if (!element.Tag.IsEmpty && !IsSd(element))
            {
                throw new InvalidOperationException($"Unexpected tag {element.Tag} on an element.");
            }

            var disclosable = IsSd(element);
            switch (element)
            {
                case YamlMappingNode nested:
                    target.Object(o => FillObject(o, nested), disclosable);
                    break;
                case YamlSequenceNode inner:
                    target.Array(a => FillArray(a, inner), disclosable);
                    break;
                default:
                    if (disclosable)
                    {
                        target.DisclosableElement(ToJson(element));
                    }
                    else
                    {
                        target.Element(ToJson(element));
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The holder's selection (<c>holder_disclosed_claims</c>): <c>true</c> discloses the claim at that key or
    /// position, a nested mapping or list selects inside it (bringing in the enclosing disclosures), <c>false</c>
    /// and null disclose nothing.
    /// </summary>
    public static List<ClaimPath> Selection(YamlNode selection)
    {
        var paths = new List<ClaimPath>();
        Select(selection, [], paths);
        return paths;
    }

    private static void Select(YamlNode selection, List<object?> prefix, List<ClaimPath> paths)
    {
        switch (selection)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    SelectOne(value, [.. prefix, ((YamlScalarNode)key).Value!], paths);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    SelectOne(sequence.Children[i], [.. prefix, i], paths);
                }

                break;
            default:
                throw new InvalidOperationException("A selection is a mapping or a list.");
        }
    }

    private static void SelectOne(YamlNode value, List<object?> path, List<ClaimPath> paths)
    {
        if (value is YamlScalarNode)
        {
            var json = ToJson(value);
            if (json is JsonValue v && v.TryGetValue<bool>(out var selected))
            {
                if (selected)
                {
                    paths.Add(ClaimPath.Create([.. path]));
                }
            }
            else if (json is not null && !(json is JsonValue s && s.TryGetValue<string>(out var text) && text == "None"))
            {
                // PyYAML reads an unquoted None as the string "None"; the python holder ignores it on plaintext elements.
                throw new InvalidOperationException($"Unexpected selection value {json.ToJsonString()}.");
            }
        }
        else
        {
            Select(value, path, paths);
        }
    }

    /// <summary>Converts an untagged-or-<c>!sd</c> YAML value to JSON (tags inside are an error).</summary>
    public static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj.Add(((YamlScalarNode)key).Value!, ToJson(value));
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(ToJson)]);
            case YamlScalarNode scalar:
                return Resolve(scalar);
            default:
                throw new InvalidOperationException($"Unsupported YAML node {node.NodeType}.");
        }
    }

    private static JsonValue? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
        }

        if (IntPattern().IsMatch(text))
        {
            return JsonValue.Create(long.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (DatePattern().IsMatch(text))
        {
            // PyYAML would make a date object; no test case uses one unquoted, and guessing would hide a mismatch.
            throw new InvalidOperationException($"Unquoted timestamp '{text}' is not supported.");
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex DatePattern();
}
