using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Keys;
using Credentials.Mdoc;

namespace Credentials.Samples;

/// <summary>
/// The sample claims of the <c>driving-licence</c> and <c>age</c> types as ISO/IEC 18013-5 mdocs: an mDL
/// (<c>org.iso.18013.5.1.mDL</c>) with the Japanese items in the domestic namespace <c>jp.example.mdl.1</c>, and the
/// age twin (<c>jp.example.av.1</c>, or the EU proof-of-age document type <c>eu.europa.ec.av.1</c>) with
/// <c>age_over_18</c> and <c>age_over_20</c> only. The claims are checked and completed by the credential type first
/// (<see cref="CredentialType.Prepare"/>: the same rules as for an SD-JWT VC, "today" in JST), so the age statements
/// and the validity (capped at a birthday that would make a statement wrong) are the SD-JWT VC's.
/// </summary>
/// <remarks>
/// The mDL's <c>family_name</c>, <c>given_name</c> and <c>issuing_authority</c> are Latin-1 (ISO/IEC 8859-1), at most
/// 150 characters (ISO/IEC 18013-5 §7.2.1, Table 5): the romaji of the claims (<c>family_name#ja-Latn-JP</c>) goes
/// there and the kanji into <c>*_national_character</c>; kana, the Japanese address, the licence colour, the
/// conditions and the domestic licence classes have no ISO element and go into <c>jp.example.mdl.1</c> (a placeholder
/// until an authority defines a Japanese namespace). The portrait is included only when the claims carry the image
/// itself (<c>picture.uri</c> a <c>data:image/jpeg</c> URI): a URL reference cannot be an mdoc's <c>portrait</c>.
/// </remarks>
public static class MdocSampleDocuments
{
    /// <summary>The domestic namespace of the sample mDL (kana, Japanese address, colour, conditions, classes).</summary>
    public const string DomesticLicenceNamespace = "jp.example.mdl.1";

    /// <summary>The document type (and namespace) of the Japanese age twin.</summary>
    public const string JapaneseAgeDocType = "jp.example.av.1";

    /// <summary>The longest Latin-1 text ISO/IEC 18013-5 Table 5 allows for the name and authority elements.</summary>
    public const int MaxLatin1Length = 150;

    /// <summary>The distinguishing sign of Japan for vehicles in international traffic (Vienna Convention).</summary>
    public const string JapanDistinguishingSign = "J";

    /// <summary>The error code when a claim cannot be written as a Latin-1 mDL element (or its romaji is missing).</summary>
    public const string NotLatin1Code = "issuer.mdoc_not_latin1";

    /// <summary>The error code when a type has no mdoc form (only driving-licence and age have one).</summary>
    public const string NoMdocFormCode = "issuer.no_mdoc_form";

    /// <summary>The document types of the age twin: <c>jp.example.av.1</c> (default) and <c>eu.europa.ec.av.1</c>.</summary>
    public static IReadOnlyList<string> AgeDocTypes { get; } = [JapaneseAgeDocType, MdocDocTypes.EuAgeVerification];

    private static readonly Dictionary<string, string> s_prefectures = new(StringComparer.Ordinal)
    {
        ["北海道"] = "Hokkaido", ["青森県"] = "Aomori", ["岩手県"] = "Iwate", ["宮城県"] = "Miyagi", ["秋田県"] = "Akita",
        ["山形県"] = "Yamagata", ["福島県"] = "Fukushima", ["茨城県"] = "Ibaraki", ["栃木県"] = "Tochigi", ["群馬県"] = "Gunma",
        ["埼玉県"] = "Saitama", ["千葉県"] = "Chiba", ["東京都"] = "Tokyo", ["神奈川県"] = "Kanagawa", ["新潟県"] = "Niigata",
        ["富山県"] = "Toyama", ["石川県"] = "Ishikawa", ["福井県"] = "Fukui", ["山梨県"] = "Yamanashi", ["長野県"] = "Nagano",
        ["岐阜県"] = "Gifu", ["静岡県"] = "Shizuoka", ["愛知県"] = "Aichi", ["三重県"] = "Mie", ["滋賀県"] = "Shiga",
        ["京都府"] = "Kyoto", ["大阪府"] = "Osaka", ["兵庫県"] = "Hyogo", ["奈良県"] = "Nara", ["和歌山県"] = "Wakayama",
        ["鳥取県"] = "Tottori", ["島根県"] = "Shimane", ["岡山県"] = "Okayama", ["広島県"] = "Hiroshima", ["山口県"] = "Yamaguchi",
        ["徳島県"] = "Tokushima", ["香川県"] = "Kagawa", ["愛媛県"] = "Ehime", ["高知県"] = "Kochi", ["福岡県"] = "Fukuoka",
        ["佐賀県"] = "Saga", ["長崎県"] = "Nagasaki", ["熊本県"] = "Kumamoto", ["大分県"] = "Oita", ["宮崎県"] = "Miyazaki",
        ["鹿児島県"] = "Kagoshima", ["沖縄県"] = "Okinawa",
    };

    /// <summary>Whether <paramref name="type"/> has an mdoc form here.</summary>
    public static bool Supports(CredentialType type)
        => type is DrivingLicenceCredentialType or AgeCredentialType;

    /// <summary>
    /// The mdoc issuance of checked claims: document type, elements per namespace, the holder's device key and the
    /// validity of <paramref name="prepared"/>.
    /// </summary>
    /// <param name="prepared">The claims as <see cref="CredentialType.Prepare"/> returned them (driving-licence or age).</param>
    /// <param name="deviceKey">The holder's public key.</param>
    /// <param name="docType">For the age type: <see cref="JapaneseAgeDocType"/> (default) or <see cref="MdocDocTypes.EuAgeVerification"/>; ignored for the licence.</param>
    /// <exception cref="CredentialClaimsException">A claim cannot be an mDL element (not Latin-1, too long, or the romaji is missing); its <see cref="ClaimProblem"/>s say which.</exception>
    /// <exception cref="ArgumentException">The type has no mdoc form, or the document type is not an age document type.</exception>
    public static MdocIssuance ToIssuance(PreparedCredential prepared, Jwk deviceKey, string? docType = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(deviceKey);
        return prepared.Type switch
        {
            DrivingLicenceCredentialType => Licence(prepared, deviceKey),
            AgeCredentialType => Age(prepared, deviceKey, docType ?? JapaneseAgeDocType),
            _ => throw new ArgumentException($"The type '{prepared.Type.Name}' has no mdoc form (driving-licence and age have).", nameof(prepared)),
        };
    }

    /// <summary>Whether every character of <paramref name="text"/> is in ISO/IEC 8859-1 (U+0000 to U+00FF).</summary>
    public static bool IsLatin1(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The Latin-1 name of a prefectural public safety commission written in Japanese (東京都公安委員会 → Tokyo
    /// Metropolitan Public Safety Commission); a name already in Latin-1 unchanged; <see langword="null"/> otherwise.
    /// </summary>
    public static string? RomanizeAuthority(string authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (IsLatin1(authority))
        {
            return authority;
        }

        const string Commission = "公安委員会";
        if (!authority.EndsWith(Commission, StringComparison.Ordinal) || !s_prefectures.TryGetValue(authority[..^Commission.Length], out var prefecture))
        {
            return null;
        }

        var kind = prefecture == "Tokyo" ? "Metropolitan" : prefecture == "Hokkaido" ? "" : "Prefectural";
        return string.Join(' ', new[] { prefecture, kind, "Public Safety Commission" }.Where(p => p.Length > 0));
    }

    private static MdocIssuance Licence(PreparedCredential prepared, Jwk deviceKey)
    {
        var claims = prepared.Claims;
        var problems = new List<ClaimProblem>();
        var iso = new Dictionary<string, MdocValue>(StringComparer.Ordinal);
        var domestic = new Dictionary<string, MdocValue>(StringComparer.Ordinal);

        // ISO/IEC 18013-5 Table 5: family_name and given_name are Latin-1 (the romaji); the kanji is the national character form.
        iso["family_name"] = MdocValue.FromText(Latin1(claims, "family_name#ja-Latn-JP", "family_name", problems));
        iso["given_name"] = MdocValue.FromText(Latin1(claims, "given_name#ja-Latn-JP", "given_name", problems));
        iso["family_name_national_character"] = MdocValue.FromText(Text(claims, "family_name")!);
        iso["given_name_national_character"] = MdocValue.FromText(Text(claims, "given_name")!);
        iso["birth_date"] = FullDate(claims, "birthdate")!;
        iso["issue_date"] = FullDate(claims, "issue_date")!;
        iso["expiry_date"] = FullDate(claims, "expiry_date")!;
        iso["issuing_country"] = MdocValue.FromText(Text(claims, "issuing_country")!);
        var authority = Text(claims, "issuing_authority")!;
        var romanized = RomanizeAuthority(authority);
        if (romanized is null)
        {
            problems.Add(new("issuing_authority", "is not Latin-1, and is not a prefectural public safety commission this sample can romanise: write it in Latin letters (for example Tokyo Metropolitan Public Safety Commission)."));
        }
        else if (romanized.Length > MaxLatin1Length)
        {
            problems.Add(new("issuing_authority", $"is longer than {MaxLatin1Length} characters, the limit of the mDL element issuing_authority."));
        }

        iso["issuing_authority"] = MdocValue.FromText(romanized ?? string.Empty);
        if (Text(claims, "issuing_jurisdiction") is { } jurisdiction)
        {
            iso["issuing_jurisdiction"] = MdocValue.FromText(jurisdiction);
        }

        iso["document_number"] = MdocValue.FromText(Text(claims, "document_number")!);
        if (Portrait(claims) is { } portrait)
        {
            iso["portrait"] = MdocValue.FromBytes(portrait);
        }

        if (claims["driving_privileges"] is JsonArray privileges)
        {
            iso["driving_privileges"] = MdocValue.FromArray([.. privileges.OfType<JsonObject>().Select(Privilege)]);
        }

        iso["un_distinguishing_sign"] = MdocValue.FromText(JapanDistinguishingSign);
        if (claims["age_equal_or_over"] is JsonObject ages)
        {
            foreach (var (age, claim) in AgeCredentialType.Thresholds)
            {
                if (ages[age.ToString(System.Globalization.CultureInfo.InvariantCulture)] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    iso[claim] = MdocValue.FromBoolean(value.GetValue<bool>());
                }
            }
        }

        if (Text(claims, "family_name#ja-Kana-JP") is { } familyKana)
        {
            domestic["family_name_kana"] = MdocValue.FromText(familyKana);
        }

        if (Text(claims, "given_name#ja-Kana-JP") is { } givenKana)
        {
            domestic["given_name_kana"] = MdocValue.FromText(givenKana);
        }

        if (claims["address"] is JsonObject address && Text(address, "formatted") is { } formatted)
        {
            domestic["resident_address_ja"] = MdocValue.FromText(formatted);
        }

        if (Text(claims, "licence_colour") is { } colour)
        {
            domestic["licence_colour"] = MdocValue.FromText(colour);
        }

        if (claims["conditions"] is JsonArray conditions && conditions.Count > 0)
        {
            domestic["conditions_ja"] = MdocValue.FromArray([.. conditions.Select(c => MdocValue.FromText(c!.GetValue<string>()))]);
        }

        if (claims["domestic_driving_privileges"] is JsonArray classes)
        {
            domestic["domestic_driving_privileges"] = MdocValue.FromArray([.. classes.OfType<JsonObject>().Select(DomesticPrivilege)]);
        }

        if (problems.Count > 0)
        {
            throw new CredentialClaimsException(problems);
        }

        var nameSpaces = new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>(StringComparer.Ordinal) { [MdocNamespaces.Mdl] = iso };
        if (domestic.Count > 0)
        {
            nameSpaces[DomesticLicenceNamespace] = domestic;
        }

        return new MdocIssuance
        {
            DocType = MdocDocTypes.Mdl,
            NameSpaces = nameSpaces,
            DeviceKey = deviceKey.ToPublic(),
            ValidFrom = prepared.NotBefore,
            ValidUntil = prepared.ExpiresAt,
        };
    }

    private static MdocIssuance Age(PreparedCredential prepared, Jwk deviceKey, string docType)
    {
        if (!AgeDocTypes.Contains(docType, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The age twin's document type is one of {string.Join(", ", AgeDocTypes)}.", nameof(docType));
        }

        // ISO/IEC 18013-5 §7.2.5: a request for 20 cannot be answered from age_over_18 and age_over_21 (nearest
        // attestation rule), so age_over_20 is issued explicitly, computed on today's date in Japan. Nothing else: no
        // birth date, no name (the EU proof-of-age profile allows no other attribute either).
        var elements = new Dictionary<string, MdocValue>(StringComparer.Ordinal);
        foreach (var (_, claim) in AgeCredentialType.Thresholds)
        {
            elements[claim] = MdocValue.FromBoolean(prepared.Claims[claim]!.GetValue<bool>());
        }

        return new MdocIssuance
        {
            DocType = docType,
            NameSpaces = new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>(StringComparer.Ordinal) { [docType] = elements },
            DeviceKey = deviceKey.ToPublic(),
            ValidFrom = prepared.NotBefore,
            ValidUntil = prepared.ExpiresAt,
        };
    }

    private static MdocValue Privilege(JsonObject privilege)
    {
        // ISO/IEC 18013-5 §7.2.4: vehicle_category_code (ISO/IEC 18013-1 Annex B), optional issue_date, expiry_date
        // (full-date) and codes [{code, sign?, value?}].
        var entries = new List<KeyValuePair<string, MdocValue>> { new("vehicle_category_code", MdocValue.FromText(Text(privilege, "vehicle_category_code")!)) };
        AddDate(privilege, "issue_date", entries);
        AddDate(privilege, "expiry_date", entries);
        if (privilege["codes"] is JsonArray codes && codes.Count > 0)
        {
            entries.Add(new("codes", MdocValue.FromArray([.. codes.OfType<JsonObject>().Select(Code)])));
        }

        return MdocValue.FromMap(entries);
    }

    private static MdocValue Code(JsonObject code)
    {
        var entries = new List<KeyValuePair<string, MdocValue>>();
        foreach (var name in new[] { "code", "sign", "value" })
        {
            if (Text(code, name) is { } text)
            {
                entries.Add(new(name, MdocValue.FromText(text)));
            }
        }

        return MdocValue.FromMap(entries);
    }

    private static MdocValue DomesticPrivilege(JsonObject privilege)
    {
        var entries = new List<KeyValuePair<string, MdocValue>> { new("code", MdocValue.FromText(Text(privilege, "code")!)) };
        if (Text(privilege, "name#en-US") is { } english)
        {
            entries.Add(new("name_en", MdocValue.FromText(english)));
        }

        AddDate(privilege, "issue_date", entries);
        return MdocValue.FromMap(entries);
    }

    private static void AddDate(JsonObject parent, string name, List<KeyValuePair<string, MdocValue>> entries)
    {
        if (FullDate(parent, name) is { } date)
        {
            entries.Add(new(name, date));
        }
    }

    private static string Latin1(JsonObject claims, string source, string element, List<ClaimProblem> problems)
    {
        var text = Text(claims, source);
        if (text is null)
        {
            problems.Add(new(source, $"is missing: the mDL element {element} is Latin-1 (ISO/IEC 8859-1), so the mdoc needs the romaji (Hepburn, as in the passport); the kanji goes into {element}_national_character."));
            return string.Empty;
        }

        if (!IsLatin1(text))
        {
            problems.Add(new(source, $"is not Latin-1 (ISO/IEC 8859-1), which the mDL element {element} requires."));
        }
        else if (text.Length > MaxLatin1Length)
        {
            problems.Add(new(source, $"is longer than {MaxLatin1Length} characters, the limit of the mDL element {element}."));
        }

        return text;
    }

    private static string? Text(JsonObject parent, string name)
        => parent[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // full-date (tag 1004), as ISO/IEC 18013-5 allows for birth_date, issue_date and expiry_date.
    private static MdocValue? FullDate(JsonObject parent, string name)
        => Text(parent, name) is { } text && IsoDate.TryParse(text, out var date) ? MdocValue.FromFullDate(date) : null;

    private static byte[]? Portrait(JsonObject claims)
    {
        const string Prefix = "data:image/jpeg;base64,";
        if (claims["picture"] is JsonObject picture && Text(picture, "uri") is { } uri && uri.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(uri[Prefix.Length..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}
