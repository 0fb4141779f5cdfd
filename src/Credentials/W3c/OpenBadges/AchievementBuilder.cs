using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// Describes the <c>achievement</c> of an Open Badges credential (Open Badges 3.0 appendix B.1, Achievement). Not
/// thread-safe.
/// </summary>
/// <remarks>
/// Names and descriptions take a language. The 1EdTech schema allows one string each, so the text in the primary
/// language (<see cref="InLanguage"/>, else the language of the first <see cref="Name"/>) becomes <c>name</c> and
/// <c>description</c> with <c>inLanguage</c>; each other language becomes a <c>related</c> entry (an edition of the
/// achievement in that language, whose <c>id</c> <see cref="LanguageEdition"/> gives) carrying its <c>inLanguage</c>,
/// <c>name</c> and <c>description</c>. <see cref="Achievement.Name"/> reads them back as one <see cref="LocalizedText"/>.
/// </remarks>
/// <example>
/// <code>
/// achievement => achievement
///     .Id("https://credentials.example.jp/achievements/dss-p/SE-BE/level-3")
///     .AchievementType("Competency")
///     .Name("DX推進スキル標準 バックエンドエンジニア（レベル3）", "ja")
///     .Name("DX Promotion Skill Standard – Back-end Engineer (Level 3)", "en")
///     .Description("…", "ja")
///     .LanguageEdition("en", "https://credentials.example.jp/achievements/dss-p/SE-BE/level-3/en")
///     .Criteria("実技課題と口頭試問に合格し、評価者2名が基準を満たすと判定したこと。")
/// </code>
/// </example>
public sealed class AchievementBuilder
{
    private readonly List<LanguageValue> _names = [];
    private readonly List<LanguageValue> _descriptions = [];
    private readonly List<(string Language, string Id)> _editions = [];
    private readonly List<JsonElement> _alignments = [];
    private readonly List<JsonElement> _resultDescriptions = [];
    private readonly List<string> _tags = [];
    private readonly JsonObject _members = [];
    private string? _id;
    private string? _inLanguage;
    private Criteria? _criteria;
    private OpenBadgeImage? _image;

    /// <summary>Sets the achievement's URI (required).</summary>
    /// <param name="id">The URI.</param>
    public AchievementBuilder Id(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _id = id;
        return this;
    }

    /// <summary>Sets the kind of achievement: a vocabulary value (for example <c>Competency</c>, <c>Certification</c>, <c>Badge</c>) or <c>ext:…</c>.</summary>
    /// <param name="achievementType">The kind.</param>
    public AchievementBuilder AchievementType(string achievementType) => Set("achievementType", achievementType);

    /// <summary>Adds the name in a language (required at least once); one name per language.</summary>
    /// <param name="value">The name.</param>
    /// <param name="language">A BCP 47 tag such as <c>ja</c> or <c>en</c>, or <see langword="null"/> when not stated.</param>
    /// <exception cref="ArgumentException">The value is empty, or a name in that language was already added.</exception>
    public AchievementBuilder Name(string value, string? language = null)
    {
        Add(_names, value, language, nameof(value));
        return this;
    }

    /// <summary>Adds the description in a language (required at least once, in the primary language); one per language.</summary>
    /// <param name="value">The description.</param>
    /// <param name="language">A BCP 47 tag, or <see langword="null"/> when not stated.</param>
    /// <exception cref="ArgumentException">The value is empty, or a description in that language was already added.</exception>
    public AchievementBuilder Description(string value, string? language = null)
    {
        Add(_descriptions, value, language, nameof(value));
        return this;
    }

    /// <summary>Sets the primary language (<c>inLanguage</c>); by default the language of the first name.</summary>
    /// <param name="language">A BCP 47 tag such as <c>ja</c>.</param>
    public AchievementBuilder InLanguage(string language)
    {
        ArgumentException.ThrowIfNullOrEmpty(language);
        _inLanguage = language;
        return this;
    }

    /// <summary>Gives the URI of the achievement's edition in another language, written as a <c>related</c> entry with the name and description in that language.</summary>
    /// <param name="language">The edition's language (BCP 47).</param>
    /// <param name="id">The edition's URI.</param>
    /// <exception cref="ArgumentException">An argument is empty, or the language already has an edition.</exception>
    public AchievementBuilder LanguageEdition(string language, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(language);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (_editions.Exists(e => string.Equals(e.Language, language, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The language '{language}' already has an edition.", nameof(language));
        }

        _editions.Add((language, id));
        return this;
    }

    /// <summary>Sets the criteria (required).</summary>
    /// <param name="criteria">The criteria.</param>
    public AchievementBuilder Criteria(Criteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        _criteria = criteria;
        return this;
    }

    /// <summary>Sets the criteria from a narrative and/or a page URL (required).</summary>
    /// <param name="narrative">The narrative (Markdown), or <see langword="null"/>.</param>
    /// <param name="id">The URL of a page describing the criteria, or <see langword="null"/>.</param>
    public AchievementBuilder Criteria(string? narrative, string? id = null) => Criteria(OpenBadges.Criteria.Create(narrative, id));

    /// <summary>Sets the image.</summary>
    /// <param name="image">The image.</param>
    public AchievementBuilder Image(OpenBadgeImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
        return this;
    }

    /// <summary>Adds an alignment to a framework node.</summary>
    /// <param name="alignment">The alignment.</param>
    public AchievementBuilder Alignment(Alignment alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        _alignments.Add(alignment.Json);
        return this;
    }

    /// <summary>Adds a possible result.</summary>
    /// <param name="resultDescription">The result description.</param>
    public AchievementBuilder ResultDescription(ResultDescription resultDescription)
    {
        ArgumentNullException.ThrowIfNull(resultDescription);
        _resultDescriptions.Add(resultDescription.Json);
        return this;
    }

    /// <summary>Sets the code people use for the achievement (for example a course code).</summary>
    /// <param name="humanCode">The code.</param>
    public AchievementBuilder HumanCode(string humanCode) => Set("humanCode", humanCode);

    /// <summary>Sets the field of study.</summary>
    /// <param name="fieldOfStudy">The field.</param>
    public AchievementBuilder FieldOfStudy(string fieldOfStudy) => Set("fieldOfStudy", fieldOfStudy);

    /// <summary>Sets the specialization.</summary>
    /// <param name="specialization">The specialization.</param>
    public AchievementBuilder Specialization(string specialization) => Set("specialization", specialization);

    /// <summary>Sets the version.</summary>
    /// <param name="version">The version.</param>
    public AchievementBuilder Version(string version) => Set("version", version);

    /// <summary>Sets the credit units available.</summary>
    /// <param name="credits">The credits (finite, not negative).</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public AchievementBuilder CreditsAvailable(double credits)
    {
        if (!double.IsFinite(credits) || credits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(credits), "Credits must be a finite, non-negative number.");
        }

        return Member("creditsAvailable", JsonValue.Create(credits));
    }

    /// <summary>Adds tags (keywords).</summary>
    /// <param name="tags">The tags.</param>
    public AchievementBuilder Tag(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            ArgumentException.ThrowIfNullOrEmpty(tag, nameof(tags));
            _tags.Add(tag);
        }

        return this;
    }

    /// <summary>Adds another member the Open Badges context defines for achievements (for example <c>otherIdentifier</c> or <c>creator</c>).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The member has its own method, or was already set.</exception>
    public AchievementBuilder Member(string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "id" or "type" or "name" or "description" or "criteria" or "image" or "alignment" or "resultDescription"
            or "inLanguage" or "related" or "tag")
        {
            throw new ArgumentException($"'{name}' is written by the builder or has its own method.", nameof(name));
        }

        if (_members.ContainsKey(name))
        {
            throw new ArgumentException($"The member '{name}' was already set.", nameof(name));
        }

        _members[name] = value?.Parent is null ? value : value.DeepClone();
        return this;
    }

    internal void Write(Utf8JsonWriter writer)
    {
        if (_id is null)
        {
            throw new ArgumentException("The achievement needs an id.");
        }

        if (_criteria is null)
        {
            throw new ArgumentException("The achievement needs criteria.");
        }

        if (_names.Count == 0 || _descriptions.Count == 0)
        {
            throw new ArgumentException("The achievement needs a name and a description.");
        }

        var primary = _inLanguage ?? _names[0].Language;
        var name = Find(_names, primary) ?? throw new ArgumentException("The achievement needs a name in its primary language.");
        var description = Find(_descriptions, primary) ?? throw new ArgumentException("The achievement needs a description in its primary language.");

        writer.WriteStartObject();
        writer.WriteString("id", _id);
        OpenBadgeWriter.Types(writer, [OpenBadgeTypes.Achievement]);
        foreach (var (member, value) in _members)
        {
            writer.WritePropertyName(member);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteString("name", name);
        writer.WriteString("description", description);
        writer.WritePropertyName("criteria");
        _criteria.Json.WriteTo(writer);
        OpenBadgeWriter.Optional(writer, "image", _image?.Json);
        OpenBadgeWriter.Optional(writer, "inLanguage", primary);
        OpenBadgeWriter.Elements(writer, "alignment", _alignments);
        OpenBadgeWriter.Elements(writer, "resultDescription", _resultDescriptions);
        OpenBadgeWriter.Strings(writer, "tag", _tags);
        WriteEditions(writer, primary);
        writer.WriteEndObject();
    }

    private void WriteEditions(Utf8JsonWriter writer, string? primary)
    {
        var languages = new List<string>();
        foreach (var v in (List<LanguageValue>)[.. _names, .. _descriptions])
        {
            if (!SameLanguage(v.Language, primary) && !languages.Exists(l => SameLanguage(l, v.Language)))
            {
                languages.Add(v.Language ?? throw new ArgumentException("Only the primary-language name and description may omit the language."));
            }
        }

        foreach (var (language, _) in _editions)
        {
            if (!languages.Exists(l => SameLanguage(l, language)))
            {
                languages.Add(language);
            }
        }

        if (languages.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("related");
        foreach (var language in languages)
        {
            var edition = _editions.Find(e => SameLanguage(e.Language, language));
            if (edition.Id is null)
            {
                throw new ArgumentException($"The text in '{language}' needs the URI of that language edition (LanguageEdition).");
            }

            writer.WriteStartObject();
            writer.WriteString("id", edition.Id);
            OpenBadgeWriter.Types(writer, ["Related"]);
            writer.WriteString("inLanguage", language);
            OpenBadgeWriter.Optional(writer, "name", Find(_names, language));
            OpenBadgeWriter.Optional(writer, "description", Find(_descriptions, language));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string? Find(List<LanguageValue> values, string? language)
        => values.Find(v => SameLanguage(v.Language, language))?.Value;

    private static bool SameLanguage(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void Add(List<LanguageValue> list, string value, string? language, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        if (language is { Length: 0 })
        {
            throw new ArgumentException("The language must not be empty.", nameof(language));
        }

        if (list.Exists(v => SameLanguage(v.Language, language)))
        {
            throw new ArgumentException($"A text in the language '{language ?? "(none)"}' was already added.", paramName);
        }

        list.Add(new LanguageValue(value, language));
    }

    private AchievementBuilder Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return Member(name, JsonValue.Create(value));
    }
}
