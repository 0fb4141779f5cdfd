using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.SdJwt.Properties;

/// <summary>
/// Property tests (CsCheck): random claim sets, disclosable marks and selections. Every case is run from a fixed
/// seed (<see cref="PCG"/>), so runs are reproducible; a failure reports the seed, which
/// <c>Check.Sample(gen, assert, seed: "…")</c> replays.
/// </summary>
public sealed class SdJwtPropertyTests : IDisposable
{
    private const string Audience = "https://verifier.example";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // Name atoms include non-ASCII (Japanese, an astral emoji, a combining-free accented letter) and JSON-special characters.
    private static readonly string[] s_nameAtoms = ["a", "b", "k", "x", "é", "ß", "日", "本", "語", "_", "😀", "-", " ", "\"", "\\", "+", "<"];

    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly SdJwtIssuer _issuer;
    private readonly SdJwtHolder _holder = new(new SdJwtHolderOptions { TimeProvider = new FakeTimeProvider(s_now) });
    private readonly SdJwtVerifier _verifier;

    public SdJwtPropertyTests()
    {
        _issuer = new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = "example+sd-jwt" });
        _verifier = new SdJwtVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), options: new SdJwtVerifierOptions { TimeProvider = new FakeTimeProvider(s_now) });
    }

    private static Gen<string> GenName => Gen.Int[0, s_nameAtoms.Length - 1].Array[1, 4].Select(ix => string.Concat(ix.Select(i => s_nameAtoms[i])));

    private static Gen<Node> GenLeaf => Gen.Int[0, 3].SelectMany(k => k switch
    {
        0 => Gen.Int[-1000, 1000].Select(i => (Node)new Leaf(i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        1 => GenName.Select(s => (Node)new Leaf(JsonSerializer.Serialize(s))),
        2 => Gen.Bool.Select(b => (Node)new Leaf(b ? "true" : "false")),
        _ => Gen.Const((Node)new Leaf("null")),
    });

    private static Gen<Node> GenNode(int depth) => depth == 0
        ? GenLeaf
        : Gen.Int[0, 4].SelectMany(k => k switch
        {
            3 => GenObject(depth - 1).Select(o => (Node)o),
            4 => GenArray(depth - 1).Select(a => (Node)a),
            _ => GenLeaf,
        });

    private static Gen<ObjectNode> GenObject(int depth) =>
        Gen.Select(Gen.Select(GenName, Gen.Bool, GenNode(depth)).Array[0, 4], Gen.Int[0, 2])
            .Select((members, decoys) => new ObjectNode(
                members.DistinctBy(m => m.Item1, StringComparer.Ordinal).Select(m => new Member(m.Item1, m.Item2, m.Item3)).ToList(),
                decoys));

    private static Gen<ArrayNode> GenArray(int depth) =>
        Gen.Select(Gen.Select(Gen.Bool, GenNode(depth)).Array[0, 4], Gen.Int[0, 2])
            .Select((elements, decoys) => new ArrayNode(elements.Select(e => new Element(e.Item1, e.Item2)).ToList(), decoys));

    private static Gen<(ObjectNode Claims, bool[] Mask)> GenCase =>
        Gen.Select(GenObject(3), Gen.Bool.Array[64]);

    [Fact]
    public void IssuePresentVerify_RandomClaimsAndSelections_YieldExactlySelectedPlusPlaintext()
    {
        RunSeeded(GenCase, 200, tuple =>
        {
            var (model, mask) = tuple;
            var issued = _issuer.IssueAsync(model.ToSdObject(), _holderKey.PublicJwk).AsTask().GetAwaiter().GetResult();

            // The holder sees exactly the disclosable paths of the model (array indices without decoys).
            var disclosable = _holder.GetDisclosableClaims(issued).Value.Select(c => c.Path.ToString()).Order(StringComparer.Ordinal).ToArray();
            var modelPaths = model.DisclosablePaths(ClaimPath.Create("$")).Select(p => Strip(p)).ToArray();
            Assert.Equal(modelPaths.Select(p => p.ToString()).Order(StringComparer.Ordinal), disclosable);

            var selection = modelPaths.Where((_, i) => mask[i % mask.Length]).ToList();
            var presented = _holder.PresentAsync(issued, selection, new KeyBindingInput(Audience, Nonce), _holderKey).AsTask().GetAwaiter().GetResult();
            var result = _verifier.VerifyAsync(presented.Value.Serialize(), KeyBindingRequirement.Required(Audience, Nonce)).AsTask().GetAwaiter().GetResult();

            Assert.True(result.IsValid, result.Error?.ToString());
            var actual = JsonNode.Parse(result.Value.Claims.GetRawText())!.AsObject();
            Assert.Equal(_holderKey.PublicJwk, Jwk.Read(result.Value.Claims.GetProperty("cnf").GetProperty("jwk")).Value);
            actual.Remove("cnf");
            var expected = JsonNode.Parse(model.Expected(ClaimPath.Create("$"), selection.Select(p => Root(p)).ToList()).ToJsonString())!;
            Assert.True(JsonNode.DeepEquals(expected, actual), "expected " + expected.ToJsonString() + " but got " + actual.ToJsonString());
        });
    }

    [Fact]
    public void Verify_SingleCharacterChange_NeverThrowsAndIsRejectedOrHarmless()
    {
        const string Replacements = "ABZaz09-_~.= {}\"é";
        var gen = Gen.Select(GenCase, Gen.Int[0, int.MaxValue].Array[32], Gen.Int[0, Replacements.Length - 1].Array[32]);
        RunSeeded(gen, 40, tuple =>
        {
            var ((model, mask), positions, replacements) = tuple;
            var issued = _issuer.IssueAsync(model.ToSdObject(), _holderKey.PublicJwk).AsTask().GetAwaiter().GetResult();
            var paths = _holder.GetDisclosableClaims(issued).Value.Select(c => c.Path).Where((_, i) => mask[i % mask.Length]);
            var presentation = _holder.PresentAsync(issued, paths, new KeyBindingInput(Audience, Nonce), _holderKey).AsTask().GetAwaiter().GetResult().Value.Serialize();
            var original = Verify(presentation);
            Assert.True(original.IsValid, original.Error?.ToString());

            for (var i = 0; i < positions.Length; i++)
            {
                var position = positions[i] % presentation.Length;
                var replacement = Replacements[replacements[i]];
                if (replacement == presentation[position])
                {
                    replacement = Replacements[(replacements[i] + 1) % Replacements.Length];
                }

                var mutated = string.Concat(presentation.AsSpan(0, position), replacement.ToString(), presentation.AsSpan(position + 1));
                var result = Verify(mutated); // must not throw

                if (result.IsValid)
                {
                    // Only a change the format makes meaningless may pass, and then it must change nothing.
                    Assert.Equal(original.Value.Claims.GetRawText(), result.Value.Claims.GetRawText());
                }
            }
        });
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    private VerificationResult<VerifiedSdJwt> Verify(string presentation)
        => _verifier.VerifyAsync(presentation, KeyBindingRequirement.Required(Audience, Nonce)).AsTask().GetAwaiter().GetResult();

    private static void RunSeeded<T>(Gen<T> gen, int iterations, Action<T> assert)
    {
        for (var i = 0; i < iterations; i++)
        {
            var seed = new PCG(11, 20261123UL + (ulong)i).ToString();
            Check.Sample(gen, assert, seed: seed, iter: 1, threads: 1);
        }
    }

    // Model paths carry a leading "$" component so the root is a valid ClaimPath; strip it for the library's paths.
    private static ClaimPath Strip(ClaimPath path) => ClaimPath.Create(path.Components.Skip(1).Select(ToObject).ToArray());

    private static ClaimPath Root(ClaimPath path) => ClaimPath.Create(new object?[] { "$" }.Concat(path.Components.Select(ToObject)).ToArray());

    private static object? ToObject(ClaimPathComponent c) => c.Name is not null ? c.Name : c.IsAllElements ? null : c.ArrayIndex;

    private static bool Kept(ClaimPath path, IReadOnlyList<ClaimPath> selection)
        => selection.Any(s => Prefix(s, path) || Prefix(path, s));

    private static bool Prefix(ClaimPath a, ClaimPath b) => a.Length <= b.Length && a.Components.Zip(b.Components).All(p => p.First == p.Second);

    private abstract record Node
    {
        public abstract void Collect(ClaimPath path, List<ClaimPath> paths);

        public abstract JsonNode? Expected(ClaimPath path, IReadOnlyList<ClaimPath> selection);
    }

    private sealed record Leaf(string Json) : Node
    {
        public JsonNode? Value => JsonNode.Parse(Json);

        public override void Collect(ClaimPath path, List<ClaimPath> paths)
        {
        }

        public override JsonNode? Expected(ClaimPath path, IReadOnlyList<ClaimPath> selection) => Value;
    }

    private sealed record Member(string Name, bool Disclosable, Node Value);

    private sealed record Element(bool Disclosable, Node Value);

    private sealed record ObjectNode(List<Member> Members, int Decoys) : Node
    {
        public List<ClaimPath> DisclosablePaths(ClaimPath root)
        {
            var paths = new List<ClaimPath>();
            Collect(root, paths);
            return paths;
        }

        public override void Collect(ClaimPath path, List<ClaimPath> paths)
        {
            foreach (var m in Members)
            {
                var child = path.Append(m.Name);
                if (m.Disclosable)
                {
                    paths.Add(child);
                }

                m.Value.Collect(child, paths);
            }
        }

        public override JsonNode Expected(ClaimPath path, IReadOnlyList<ClaimPath> selection)
        {
            var result = new JsonObject();
            foreach (var m in Members)
            {
                var child = path.Append(m.Name);
                if (!m.Disclosable || Kept(child, selection))
                {
                    result[m.Name] = m.Value.Expected(child, selection);
                }
            }

            return result;
        }

        public SdObject ToSdObject()
        {
            var o = SdJwtPayload.Create();
            Fill(o);
            return o;
        }

        public void Fill(SdObject o)
        {
            foreach (var m in Members)
            {
                _ = m.Value switch
                {
                    Leaf l when m.Disclosable => o.Disclosable(m.Name, l.Value),
                    Leaf l => o.Claim(m.Name, l.Value),
                    ObjectNode n => o.Object(m.Name, n.Fill, m.Disclosable),
                    ArrayNode a => o.Array(m.Name, a.Fill, m.Disclosable),
                    _ => throw new InvalidOperationException(),
                };
            }

            o.Decoys(Decoys);
        }
    }

    private sealed record ArrayNode(List<Element> Elements, int Decoys) : Node
    {
        public override void Collect(ClaimPath path, List<ClaimPath> paths)
        {
            for (var i = 0; i < Elements.Count; i++)
            {
                var child = path.Append(i);
                if (Elements[i].Disclosable)
                {
                    paths.Add(child);
                }

                Elements[i].Value.Collect(child, paths);
            }
        }

        public override JsonNode Expected(ClaimPath path, IReadOnlyList<ClaimPath> selection)
        {
            var result = new JsonArray();
            for (var i = 0; i < Elements.Count; i++)
            {
                var child = path.Append(i);
                if (!Elements[i].Disclosable || Kept(child, selection))
                {
                    result.Add(Elements[i].Value.Expected(child, selection));
                }
            }

            return result;
        }

        public void Fill(SdArray a)
        {
            foreach (var e in Elements)
            {
                _ = e.Value switch
                {
                    Leaf l when e.Disclosable => a.DisclosableElement(l.Value),
                    Leaf l => a.Element(l.Value),
                    ObjectNode n => a.Object(n.Fill, e.Disclosable),
                    ArrayNode n => a.Array(n.Fill, e.Disclosable),
                    _ => throw new InvalidOperationException(),
                };
            }

            a.Decoys(Decoys);
        }
    }
}
