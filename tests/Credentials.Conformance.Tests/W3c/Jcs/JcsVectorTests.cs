using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.W3c.Jcs;
using Xunit;

namespace Credentials.Conformance.Tests.W3c.Jcs;

/// <summary>RFC 8785 reference vectors (cyberphone/json-canonicalization testdata), byte for byte.</summary>
public class JcsVectorTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "vectors", "jcs");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "input"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void Vectors_AllSixPresent()
    {
        var names = Directory.GetFiles(Path.Combine(Root, "input"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(["arrays", "french", "structures", "unicode", "values", "weird"], names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Read_VectorInput_EqualsExpectedOutputBytes(string name)
    {
        var result = JsonCanonicalizer.Read(File.ReadAllBytes(Path.Combine(Root, "input", name + ".json")));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(Expected(name), result.Value);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonicalize_VectorInputAsJsonElement_EqualsExpectedOutputBytes(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "input", name + ".json")));

        Assert.Equal(Expected(name), JsonCanonicalizer.Canonicalize(document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonicalize_VectorInputAsJsonNode_EqualsExpectedOutputBytes(string name)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(Root, "input", name + ".json")));

        Assert.Equal(Expected(name), JsonCanonicalizer.Canonicalize(node));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Read_ExpectedOutput_IsAFixedPoint(string name)
    {
        var result = JsonCanonicalizer.Read(Expected(name));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(Expected(name), result.Value);
    }

    // The hex file and the output file must agree, so the comparison is really over the intended bytes.
    private static byte[] Expected(string name)
    {
        var output = File.ReadAllBytes(Path.Combine(Root, "output", name + ".json"));
        var hex = File.ReadAllText(Path.Combine(Root, "outhex", name + ".txt"))
            .Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(hex, output);
        return output;
    }
}
