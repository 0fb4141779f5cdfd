namespace Credentials.Tests.SdJwtVc.TypeMetadata;

/// <summary>
/// The four sample Type Metadata documents of the Japanese sample credentials (IPA exam pass, DSS
/// skill achievement, age, driving licence), with ja-JP and en-US display, copied verbatim as test fixtures.
/// </summary>
/// <remarks>
/// These pin the library's type-metadata behaviour to the brief's text; they are not the sample apps' credential types.
/// The types the samples issue and verify have one source, <c>specs/credential-types/*.json</c> (embedded in
/// <c>samples/Shared</c>), and differ from these on purpose (for example <c>age_over_18</c>/<c>age_over_20</c>
/// instead of <c>age_equal_or_over</c>).
/// </remarks>
internal static class DomainTypeMetadata
{
    /// <summary>Sample type metadata for <c>https://credentials.example.jp/vct/ipa/exam-pass/v1</c>.</summary>
    public const string IpaExamPass = """
{
  "vct": "https://credentials.example.jp/vct/ipa/exam-pass/v1",
  "name": "IPA exam pass certificate (sample)",
  "description": "Sample type for a 情報処理技術者試験 合格証明 (certificate of passing). Not an official IPA type.",
  "display": [
    {
      "locale": "ja-JP",
      "name": "情報処理技術者試験 合格証明書",
      "description": "情報処理技術者試験に合格したことを証明します（サンプル）。",
      "rendering": {
        "simple": {
          "logo": {
            "uri": "https://credentials.example.jp/assets/ipa-sample-logo.png",
            "alt_text": "合格証明書ロゴ（サンプル）"
          },
          "background_color": "#0B3D91",
          "text_color": "#FFFFFF"
        }
      }
    },
    {
      "locale": "en-US",
      "name": "Information-Technology Engineers Examination – Certificate of Passing",
      "description": "Certifies that the holder passed a national IT engineers examination (sample).",
      "rendering": {
        "simple": {
          "logo": {
            "uri": "https://credentials.example.jp/assets/ipa-sample-logo.png",
            "alt_text": "Certificate of passing logo (sample)"
          },
          "background_color": "#0B3D91",
          "text_color": "#FFFFFF"
        }
      }
    }
  ],
  "claims": [
    {
      "path": [
        "certificate_number"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "合格証書番号",
          "description": "合格証書に記載された番号"
        },
        {
          "locale": "en-US",
          "label": "Certificate number",
          "description": "Number printed on the pass certificate"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "exam"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "試験区分"
        },
        {
          "locale": "en-US",
          "label": "Examination category"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "exam",
        "category_code"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "試験区分コード"
        },
        {
          "locale": "en-US",
          "label": "Category code"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "exam",
        "name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "試験名"
        },
        {
          "locale": "en-US",
          "label": "Examination name"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "exam",
        "session"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "受験年月"
        },
        {
          "locale": "en-US",
          "label": "Examination session"
        }
      ],
      "sd": "never"
    },
    {
      "path": [
        "pass_date"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "合格年月日"
        },
        {
          "locale": "en-US",
          "label": "Date of passing"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "document_kind"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "証明書種別"
        },
        {
          "locale": "en-US",
          "label": "Document kind"
        }
      ],
      "sd": "never"
    },
    {
      "path": [
        "family_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "氏（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "given_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "氏名（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "family_name#ja-Kana-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "フリガナ（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name (katakana)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "given_name#ja-Kana-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "フリガナ（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name (katakana)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "family_name#ja-Latn-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "ローマ字（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name (romaji)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "given_name#ja-Latn-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "ローマ字（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name (romaji)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "birthdate"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "生年月日"
        },
        {
          "locale": "en-US",
          "label": "Date of birth"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "issuing_authority"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行者"
        },
        {
          "locale": "en-US",
          "label": "Issuing authority"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "issuing_country"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行国"
        },
        {
          "locale": "en-US",
          "label": "Issuing country"
        }
      ],
      "sd": "never",
      "mandatory": true
    }
  ]
}
""";

    /// <summary>Sample type metadata for <c>https://credentials.example.jp/vct/dss/skill-achievement/v1</c>.</summary>
    public const string DssSkillAchievement = """
{
  "vct": "https://credentials.example.jp/vct/dss/skill-achievement/v1",
  "name": "DSS skill achievement (OB 3.0 aligned, sample)",
  "description": "SD-JWT VC projection of an Open Badges 3.0 AchievementCredential aligned to DSS-P roles. Not an official IPA type.",
  "display": [
    {
      "locale": "ja-JP",
      "name": "デジタルスキル標準 スキル認定バッジ",
      "description": "DX推進スキル標準（DSS-P）のロールに沿ったスキル達成を証明します（サンプル）。",
      "rendering": {
        "simple": {
          "background_color": "#1E6F5C",
          "text_color": "#FFFFFF"
        }
      }
    },
    {
      "locale": "en-US",
      "name": "Digital Skill Standard – Skill Badge",
      "description": "Proves an achievement aligned to a DSS-P role (sample).",
      "rendering": {
        "simple": {
          "background_color": "#1E6F5C",
          "text_color": "#FFFFFF"
        }
      }
    }
  ],
  "claims": [
    {
      "path": [
        "achievement"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "達成内容"
        },
        {
          "locale": "en-US",
          "label": "Achievement"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "achievement",
        "name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "バッジ名"
        },
        {
          "locale": "en-US",
          "label": "Badge name"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "achievement",
        "criteria",
        "narrative"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "取得基準"
        },
        {
          "locale": "en-US",
          "label": "Criteria"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "achievement",
        "alignment",
        null,
        "target_code"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "DSSロールコード"
        },
        {
          "locale": "en-US",
          "label": "DSS role code"
        }
      ],
      "sd": "never"
    },
    {
      "path": [
        "achievement",
        "alignment",
        null,
        "target_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "DSSロール名"
        },
        {
          "locale": "en-US",
          "label": "DSS role"
        }
      ],
      "sd": "never"
    },
    {
      "path": [
        "results",
        null
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "スキル評価",
          "description": "スキル項目ごとの評価（個別に開示可能）"
        },
        {
          "locale": "en-US",
          "label": "Skill result",
          "description": "Per-skill result, individually disclosable"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "awarded_date"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "授与日"
        },
        {
          "locale": "en-US",
          "label": "Awarded on"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "family_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "氏（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "given_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "氏名（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "family_name#ja-Kana-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "フリガナ（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name (katakana)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "given_name#ja-Kana-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "フリガナ（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name (katakana)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "family_name#ja-Latn-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "ローマ字（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name (romaji)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "given_name#ja-Latn-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "ローマ字（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name (romaji)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "email"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "メールアドレス"
        },
        {
          "locale": "en-US",
          "label": "Email"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "issuer_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行者名"
        },
        {
          "locale": "en-US",
          "label": "Issuer name"
        }
      ],
      "sd": "never",
      "mandatory": true
    }
  ]
}
""";

    /// <summary>Sample type metadata for <c>https://credentials.example.jp/vct/age/v1</c>.</summary>
    public const string Age = """
{
  "vct": "https://credentials.example.jp/vct/age/v1",
  "name": "Japanese age attestation (sample)",
  "description": "Proof of age for Japanese thresholds (18 adulthood, 20 alcohol/tobacco). Mirrors EU PID age_equal_or_over.",
  "display": [
    {
      "locale": "ja-JP",
      "name": "年齢確認証明",
      "description": "20歳以上（酒類・たばこ販売）や18歳以上であることを、生年月日を開示せずに証明します（サンプル）。",
      "rendering": {
        "simple": {
          "background_color": "#8E1B3A",
          "text_color": "#FFFFFF"
        }
      }
    },
    {
      "locale": "en-US",
      "name": "Proof of Age (Japan)",
      "description": "Proves age thresholds such as 20+ (alcohol/tobacco) or 18+ without revealing the birth date (sample).",
      "rendering": {
        "simple": {
          "background_color": "#8E1B3A",
          "text_color": "#FFFFFF"
        }
      }
    }
  ],
  "claims": [
    {
      "path": [
        "age_equal_or_over"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "年齢区分"
        },
        {
          "locale": "en-US",
          "label": "Age thresholds"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "age_equal_or_over",
        "18"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "18歳以上"
        },
        {
          "locale": "en-US",
          "label": "Age 18 or over"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "age_equal_or_over",
        "20"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "20歳以上",
          "description": "酒類・たばこの購入年齢"
        },
        {
          "locale": "en-US",
          "label": "Age 20 or over",
          "description": "Legal age for alcohol and tobacco in Japan"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "age_equal_or_over",
        "65"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "65歳以上"
        },
        {
          "locale": "en-US",
          "label": "Age 65 or over"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "age_in_years"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "年齢"
        },
        {
          "locale": "en-US",
          "label": "Age in years"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "age_birth_year"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "生まれ年"
        },
        {
          "locale": "en-US",
          "label": "Year of birth"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "birthdate"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "生年月日"
        },
        {
          "locale": "en-US",
          "label": "Date of birth"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "issuing_authority"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行者"
        },
        {
          "locale": "en-US",
          "label": "Issuing authority"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "issuing_country"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行国"
        },
        {
          "locale": "en-US",
          "label": "Issuing country"
        }
      ],
      "sd": "never",
      "mandatory": true
    }
  ]
}
""";

    /// <summary>Sample type metadata for <c>https://credentials.example.jp/vct/driving-licence/v1</c>.</summary>
    public const string DrivingLicence = """
{
  "vct": "https://credentials.example.jp/vct/driving-licence/v1",
  "name": "Japanese driving licence (illustrative, mDL-aligned)",
  "description": "SD-JWT VC projection of Japanese licence data aligned to ISO/IEC 18013-5 element names. Illustrative only: no official Japanese mDL exists; EU mDLs must be mdoc.",
  "display": [
    {
      "locale": "ja-JP",
      "name": "運転免許証（サンプル）",
      "description": "運転免許の情報を選択的に開示できるデジタル証明（実在の制度ではありません）。",
      "rendering": {
        "simple": {
          "background_color": "#C9A227",
          "text_color": "#000000"
        }
      }
    },
    {
      "locale": "en-US",
      "name": "Driving Licence (sample)",
      "description": "Digital driving-licence data with selective disclosure (illustrative, not an official scheme).",
      "rendering": {
        "simple": {
          "background_color": "#C9A227",
          "text_color": "#000000"
        }
      }
    }
  ],
  "claims": [
    {
      "path": [
        "family_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "氏（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "given_name"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "氏名（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "family_name#ja-Kana-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "フリガナ（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name (katakana)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "given_name#ja-Kana-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "フリガナ（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name (katakana)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "family_name#ja-Latn-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "ローマ字（姓）"
        },
        {
          "locale": "en-US",
          "label": "Family name (romaji)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "given_name#ja-Latn-JP"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "ローマ字（名）"
        },
        {
          "locale": "en-US",
          "label": "Given name (romaji)"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "birthdate"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "生年月日"
        },
        {
          "locale": "en-US",
          "label": "Date of birth"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "age_equal_or_over"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "年齢区分"
        },
        {
          "locale": "en-US",
          "label": "Age thresholds"
        }
      ],
      "sd": "never"
    },
    {
      "path": [
        "age_equal_or_over",
        "18"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "18歳以上"
        },
        {
          "locale": "en-US",
          "label": "Age 18 or over"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "age_equal_or_over",
        "20"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "20歳以上"
        },
        {
          "locale": "en-US",
          "label": "Age 20 or over"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "address"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "住所"
        },
        {
          "locale": "en-US",
          "label": "Address"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "address",
        "formatted"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "住所"
        },
        {
          "locale": "en-US",
          "label": "Address"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "address",
        "region"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "都道府県"
        },
        {
          "locale": "en-US",
          "label": "Prefecture"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "address",
        "locality"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "市区町村"
        },
        {
          "locale": "en-US",
          "label": "Municipality"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "address",
        "postal_code"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "郵便番号"
        },
        {
          "locale": "en-US",
          "label": "Postal code"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "document_number"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "免許証番号"
        },
        {
          "locale": "en-US",
          "label": "Licence number"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "issue_date"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "交付年月日"
        },
        {
          "locale": "en-US",
          "label": "Date of issue"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "expiry_date"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "有効期間の末日"
        },
        {
          "locale": "en-US",
          "label": "Date of expiry"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "licence_colour"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "免許証の色"
        },
        {
          "locale": "en-US",
          "label": "Licence colour class"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "conditions"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "免許の条件等"
        },
        {
          "locale": "en-US",
          "label": "Conditions"
        }
      ],
      "sd": "always"
    },
    {
      "path": [
        "driving_privileges"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "運転できる車両（ISO区分）"
        },
        {
          "locale": "en-US",
          "label": "Driving privileges (ISO categories)"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "domestic_driving_privileges"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "免許の種類"
        },
        {
          "locale": "en-US",
          "label": "Licence categories (Japan)"
        }
      ],
      "sd": "always",
      "mandatory": true
    },
    {
      "path": [
        "issuing_authority"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "公安委員会"
        },
        {
          "locale": "en-US",
          "label": "Issuing authority"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "issuing_country"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行国"
        },
        {
          "locale": "en-US",
          "label": "Issuing country"
        }
      ],
      "sd": "never",
      "mandatory": true
    },
    {
      "path": [
        "issuing_jurisdiction"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "発行地域"
        },
        {
          "locale": "en-US",
          "label": "Issuing jurisdiction"
        }
      ],
      "sd": "never"
    },
    {
      "path": [
        "picture"
      ],
      "display": [
        {
          "locale": "ja-JP",
          "label": "顔写真"
        },
        {
          "locale": "en-US",
          "label": "Portrait"
        }
      ],
      "sd": "always",
      "mandatory": true
    }
  ]
}
""";
}
