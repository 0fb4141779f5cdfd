using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Credentials.SdJwt;

/// <summary>
/// Replaces digests with the disclosed values (RFC 9901 section 7.1 steps 3 to 5), writing the processed payload,
/// and records where each disclosure sits so a holder can work out dependencies.
/// </summary>
internal sealed class PayloadProcessor : IDisposable
{
    // Up to this many disclosures a linear scan finds a digest faster than hashing it, and allocates nothing.
    private const int LinearLookupLimit = 16;

    private readonly Dictionary<string, int>? _byDigest;
    private readonly SdHashAlgorithm _hashAlgorithm;
    private readonly IReadOnlyList<Disclosure> _disclosures;
    private readonly SeenDigests _seenDigests = new();
    private readonly int _maxDepth;

    // The path to the value being processed; a ClaimPath is made from it only where one is kept (a disclosure's
    // placement or an error), not for every claim on the way.
    private readonly List<ClaimPathComponent> _path = [];

    private PayloadProcessor(IReadOnlyList<Disclosure> disclosures, Dictionary<string, int>? byDigest, SdHashAlgorithm hashAlgorithm, int maxDepth)
    {
        _disclosures = disclosures;
        _byDigest = byDigest;
        _hashAlgorithm = hashAlgorithm;
        _maxDepth = maxDepth;
        Placements = new DisclosurePlacement?[disclosures.Count];
    }

    /// <summary>Where each disclosure (by index) was found; null until found.</summary>
    public DisclosurePlacement?[] Placements { get; }

    /// <summary>
    /// Processes a payload. On success the writer holds the processed payload (without <c>_sd</c>, <c>...</c> digests
    /// and <c>_sd_alg</c>) and every disclosure has a placement.
    /// </summary>
    public static VerificationError? Process(
        JsonElement payload,
        IReadOnlyList<Disclosure> disclosures,
        SdHashAlgorithm hashAlgorithm,
        int maxDepth,
        Utf8JsonWriter writer,
        out DisclosurePlacement?[] placements)
    {
        // RFC 9901 section 7.1 step 3.1 and 5: each disclosure must be used once; the same one twice cannot be.
        Dictionary<string, int>? byDigest = null;
        if (disclosures.Count > LinearLookupLimit)
        {
            byDigest = new Dictionary<string, int>(disclosures.Count, StringComparer.Ordinal);
            for (var i = 0; i < disclosures.Count; i++)
            {
                if (!byDigest.TryAdd(disclosures[i].ComputeDigest(hashAlgorithm), i))
                {
                    placements = [];
                    return new VerificationError(SdJwtErrors.DuplicateDisclosure, "The same disclosure is included more than once.");
                }
            }
        }
        else
        {
            for (var i = 0; i < disclosures.Count; i++)
            {
                var digest = disclosures[i].ComputeDigest(hashAlgorithm);
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(digest, disclosures[j].ComputeDigest(hashAlgorithm), StringComparison.Ordinal))
                    {
                        placements = [];
                        return new VerificationError(SdJwtErrors.DuplicateDisclosure, "The same disclosure is included more than once.");
                    }
                }
            }
        }

        using var processor = new PayloadProcessor(disclosures, byDigest, hashAlgorithm, maxDepth);
        placements = processor.Placements;
        var error = processor.ProcessObject(payload, writer, 1, -1, topLevel: true);

        if (error is not null)
        {
            return error;
        }

        for (var i = 0; i < placements.Length; i++)
        {
            if (placements[i] is null)
            {
                // RFC 9901 section 7.1 step 5: a disclosure not referenced by any digest makes the SD-JWT invalid.
                return new VerificationError(SdJwtErrors.UnreferencedDisclosure, $"Disclosure #{i + 1} is not referenced by any digest.");
            }
        }

        return null;
    }


    /// <summary>Returns the pooled digest table.</summary>
    public void Dispose() => _seenDigests.Dispose();

    // Digests are looked up and remembered as the JSON strings they are, without making a string of each.
    private bool TryFindDisclosure(JsonElement digest, out int index)
    {
        var raw = DigestComparer.Unquoted(digest);
        if (raw.Length <= 256 && raw.IndexOf((byte)'\\') < 0)
        {
            Span<char> chars = stackalloc char[raw.Length];
            var length = Encoding.UTF8.GetChars(raw, chars);
            return TryFindDisclosure(chars[..length], out index);
        }

        return TryFindDisclosure(digest.GetString().AsSpan(), out index);
    }

    private bool TryFindDisclosure(ReadOnlySpan<char> digest, out int index)
    {
        if (_byDigest is not null)
        {
            return _byDigest.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(digest, out index);
        }

        for (index = 0; index < _disclosures.Count; index++)
        {
            if (digest.SequenceEqual(_disclosures[index].ComputeDigest(_hashAlgorithm)))
            {
                return true;
            }
        }

        index = -1;
        return false;
    }

    private ClaimPath CurrentPath() => ClaimPath.FromComponents(_path);

    private VerificationError? ProcessChild(JsonElement value, ClaimPathComponent component, Utf8JsonWriter writer, int depth, int parent)
    {
        _path.Add(component);
        var error = ProcessValue(value, writer, depth, parent);
        _path.RemoveAt(_path.Count - 1);
        return error;
    }

    private VerificationError? ProcessValue(JsonElement value, Utf8JsonWriter writer, int depth, int parent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return ProcessObject(value, writer, depth + 1, parent, topLevel: false);
            case JsonValueKind.Array:
                return ProcessArray(value, writer, depth + 1, parent);
            default:
                value.WriteTo(writer);
                return null;
        }
    }

    private VerificationError? ProcessObject(JsonElement obj, Utf8JsonWriter writer, int depth, int parent, bool topLevel)
    {
        if (depth > _maxDepth)
        {
            return new VerificationError(SdJwtErrors.TooDeep, $"The payload nests deeper than {_maxDepth} levels.") { Path = CurrentPath() };
        }

        writer.WriteStartObject();
        JsonElement sd = default;
        var hasSd = false;
        foreach (var member in obj.EnumerateObject())
        {
            if (member.NameEquals("_sd"))
            {
                sd = member.Value;
                hasSd = true;
                continue;
            }

            if (member.NameEquals("_sd_alg"))
            {
                // RFC 9901 section 4.1.1: _sd_alg is a top-level claim of the payload; anywhere else it is not a
                // claim to pass on but a malformed SD-JWT.
                if (topLevel)
                {
                    continue;
                }

                return new VerificationError(SdJwtErrors.MisplacedSdAlg, "'_sd_alg' may appear only at the top level of the payload.") { Path = CurrentPath() };
            }

            if (member.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                // Nothing to replace beneath a plain value: copy the member as it is, name included.
                member.WriteTo(writer);
                continue;
            }

            var memberName = member.Name;
            writer.WritePropertyName(memberName);
            var error = ProcessChild(member.Value, ClaimPathComponent.Member(memberName), writer, depth, parent);
            if (error is not null)
            {
                return error;
            }
        }

        if (hasSd)
        {
            if (sd.ValueKind != JsonValueKind.Array)
            {
                return new VerificationError(SdJwtErrors.InvalidSdClaim, "'_sd' must be an array of digests.") { Path = CurrentPath() };
            }

            HashSet<string>? disclosedNames = null;
            foreach (var item in sd.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(SdJwtErrors.InvalidSdClaim, "'_sd' must contain only strings.") { Path = CurrentPath() };
                }

                if (!_seenDigests.Add(item))
                {
                    // RFC 9901 section 7.1 step 4: a digest must not appear more than once.
                    return new VerificationError(SdJwtErrors.DuplicateDigest, "A digest appears more than once.") { Path = CurrentPath() };
                }

                if (!TryFindDisclosure(item, out var index))
                {
                    continue; // A decoy, or a claim the holder did not disclose.
                }

                var disclosure = _disclosures[index];
                if (disclosure.IsArrayElement)
                {
                    // RFC 9901 section 7.1 step 3.2.2.1: an _sd digest must refer to a three-element disclosure.
                    return new VerificationError(SdJwtErrors.DisclosureTypeMismatch, "An array element disclosure is referenced from '_sd'.") { Path = CurrentPath() };
                }

                var name = disclosure.ClaimName!;
                if (name == "_sd_alg")
                {
                    // Section 4.1.1: _sd_alg is never a disclosed claim.
                    return new VerificationError(SdJwtErrors.MisplacedSdAlg, "A disclosure names '_sd_alg'.") { Path = CurrentPath() };
                }

                disclosedNames ??= new HashSet<string>(StringComparer.Ordinal);
                if (obj.TryGetProperty(name, out _) || !disclosedNames.Add(name))
                {
                    // RFC 9901 section 7.1 step 3.2.2.3: a disclosed name must not already exist at this level.
                    return new VerificationError(SdJwtErrors.ClaimCollision, "A disclosed claim name already exists at this level.") { Path = CurrentPath() };
                }

                _path.Add(ClaimPathComponent.Member(name));
                Placements[index] = new DisclosurePlacement(ClaimPath.FromComponents(_path), parent);
                writer.WritePropertyName(name);
                var error = ProcessValue(disclosure.Value, writer, depth, index);
                _path.RemoveAt(_path.Count - 1);
                if (error is not null)
                {
                    return error;
                }
            }
        }

        writer.WriteEndObject();
        return null;
    }

    private VerificationError? ProcessArray(JsonElement array, Utf8JsonWriter writer, int depth, int parent)
    {
        if (depth > _maxDepth)
        {
            return new VerificationError(SdJwtErrors.TooDeep, $"The payload nests deeper than {_maxDepth} levels.") { Path = CurrentPath() };
        }

        writer.WriteStartArray();

        // Paths index the processed array (undisclosed elements and decoys removed), as the reader of the claims sees it.
        var outputIndex = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("...", out _) && !IsArrayDigest(element, out _))
            {
                // RFC 9901 section 4.2.4.2: an array element digest is an object with the single key "..."; one with
                // further members is malformed, not an ordinary object to pass on.
                return new VerificationError(SdJwtErrors.InvalidSdClaim, "An array element digest object must have '...' as its only member.") { Path = CurrentPath() };
            }

            if (element.ValueKind == JsonValueKind.Object && IsArrayDigest(element, out var digestElement))
            {
                if (digestElement.ValueKind != JsonValueKind.String)
                {
                    return new VerificationError(SdJwtErrors.InvalidSdClaim, "An array element digest must be a string.") { Path = CurrentPath() };
                }

                if (!_seenDigests.Add(digestElement))
                {
                    return new VerificationError(SdJwtErrors.DuplicateDigest, "A digest appears more than once.") { Path = CurrentPath() };
                }

                if (!TryFindDisclosure(digestElement, out var index))
                {
                    continue; // RFC 9901 section 7.1 step 3.3.3: remove elements whose digest matches no disclosure.
                }

                var disclosure = _disclosures[index];
                if (!disclosure.IsArrayElement)
                {
                    // RFC 9901 section 7.1 step 3.3.2: a '...' digest must refer to a two-element disclosure.
                    return new VerificationError(SdJwtErrors.DisclosureTypeMismatch, "An object property disclosure is referenced from '...'.") { Path = CurrentPath() };
                }

                _path.Add(ClaimPathComponent.Index(outputIndex++));
                Placements[index] = new DisclosurePlacement(ClaimPath.FromComponents(_path), parent);
                var error = ProcessValue(disclosure.Value, writer, depth, index);
                _path.RemoveAt(_path.Count - 1);
                if (error is not null)
                {
                    return error;
                }

                continue;
            }

            var plainError = ProcessChild(element, ClaimPathComponent.Index(outputIndex++), writer, depth, parent);
            if (plainError is not null)
            {
                return plainError;
            }
        }

        writer.WriteEndArray();
        return null;
    }

    // RFC 9901 section 4.2.4.2: an array element digest is an object with the single key "...".
    private static bool IsArrayDigest(JsonElement element, out JsonElement digest)
    {
        digest = default;
        var count = 0;
        foreach (var member in element.EnumerateObject())
        {
            if (++count > 1 || !member.NameEquals("..."))
            {
                return false;
            }

            digest = member.Value;
        }

        return count == 1;
    }
}

/// <summary>Where a disclosure was found: its claim path and the disclosure that contains it (-1 for the JWT payload).</summary>
internal sealed record DisclosurePlacement(ClaimPath Path, int Parent);

/// <summary>Compares JSON string elements by their string values, from the raw UTF-8 when it has no escapes.</summary>
internal sealed class DigestComparer : IEqualityComparer<JsonElement>
{
    public static DigestComparer Instance { get; } = new();

    public static ReadOnlySpan<byte> Unquoted(JsonElement element) => JsonMarshal.GetRawUtf8Value(element)[1..^1];

    public bool Equals(JsonElement x, JsonElement y)
    {
        var a = Unquoted(x);
        var b = Unquoted(y);
        return a.IndexOf((byte)'\\') < 0 && b.IndexOf((byte)'\\') < 0 ? a.SequenceEqual(b) : x.ValueEquals(y.GetString());
    }

    public int GetHashCode(JsonElement obj)
    {
        var raw = Unquoted(obj);
        var hash = default(HashCode);
        hash.AddBytes(raw.IndexOf((byte)'\\') < 0 ? raw : Encoding.UTF8.GetBytes(obj.GetString()!));
        return hash.ToHashCode();
    }
}

/// <summary>
/// The digests met so far (RFC 9901 section 7.1 step 4), in an open-addressing table over pooled arrays: a payload has
/// a handful to a few thousand digests, and nothing of it outlives the processing.
/// </summary>
internal sealed class SeenDigests : IDisposable
{
    private JsonElement[] _slots;
    private bool[] _used;
    private int _capacity = 32;
    private int _count;

    public SeenDigests()
    {
        _slots = ArrayPool<JsonElement>.Shared.Rent(_capacity);
        _used = ArrayPool<bool>.Shared.Rent(_capacity);
        Array.Clear(_used, 0, _capacity);
    }

    /// <summary>Adds a digest (a JSON string); <see langword="false"/> when it was already there.</summary>
    public bool Add(JsonElement digest)
    {
        if ((_count + 1) * 2 > _capacity)
        {
            Grow();
        }

        var comparer = DigestComparer.Instance;
        var mask = _capacity - 1;
        for (var i = comparer.GetHashCode(digest) & mask; ; i = (i + 1) & mask)
        {
            if (!_used[i])
            {
                _used[i] = true;
                _slots[i] = digest;
                _count++;
                return true;
            }

            if (comparer.Equals(_slots[i], digest))
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<JsonElement>.Shared.Return(_slots, clearArray: true);
        ArrayPool<bool>.Shared.Return(_used, clearArray: true);
        _slots = [];
        _used = [];
    }

    private void Grow()
    {
        var (slots, used, capacity) = (_slots, _used, _capacity);
        _capacity = capacity * 2;
        _slots = ArrayPool<JsonElement>.Shared.Rent(_capacity);
        _used = ArrayPool<bool>.Shared.Rent(_capacity);
        Array.Clear(_used, 0, _capacity);
        _count = 0;
        for (var i = 0; i < capacity; i++)
        {
            if (used[i])
            {
                Add(slots[i]);
            }
        }

        ArrayPool<JsonElement>.Shared.Return(slots, clearArray: true);
        ArrayPool<bool>.Shared.Return(used, clearArray: true);
    }
}
