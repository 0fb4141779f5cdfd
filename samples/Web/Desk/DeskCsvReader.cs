using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Credentials.Samples.Web.Desk;

/// <summary>
/// Reads the CSV file of people who passed (RFC 4180: comma-separated, a header line naming the columns, fields with
/// commas, quotes or line breaks in double quotes; UTF-8, with or without BOM) into <c>ipa-exam</c> claims, checking
/// every row against the credential type (<see cref="IpaExamCredentialType"/>). Every problem is reported with its line
/// and column in both languages; a row with a problem is left out, the others can still be offered.
/// </summary>
public static class DeskCsvReader
{
    /// <summary>The largest file accepted: 256 KiB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The most people in one file: 1,000.</summary>
    public const int MaxRows = 1000;

    /// <summary>The longest field: 200 characters.</summary>
    public const int MaxFieldLength = 200;

    /// <summary>The most problems listed for one file (the rest are counted in one last line).</summary>
    public const int MaxProblems = 50;

    /// <summary>The columns, in the order of the template.</summary>
    public static IReadOnlyList<DeskCsvColumn> Columns { get; } =
    [
        new("certificate_number", true, "合格証書番号", "Certificate number"),
        new("category_code", true, "試験区分コード", "Exam category code"),
        new("session", false, "試験回", "Exam session"),
        new("pass_date", true, "合格日", "Date passed"),
        new("family_name", true, "氏", "Family name"),
        new("given_name", true, "名", "Given name"),
        new("family_name_kana", false, "フリガナ（氏）", "Family name (katakana)"),
        new("given_name_kana", false, "フリガナ（名）", "Given name (katakana)"),
        new("family_name_romaji", false, "ローマ字（氏）", "Family name (romaji)"),
        new("given_name_romaji", false, "ローマ字（名）", "Given name (romaji)"),
        new("birthdate", true, "生年月日", "Date of birth"),
    ];

    /// <summary>The header line of the template.</summary>
    public static string Header => string.Join(',', Columns.Select(c => c.Name));

    /// <summary>The issuing authority written into every credential.</summary>
    public const string IssuingAuthority = "独立行政法人情報処理推進機構（サンプル）";

    private static readonly IpaExamCredentialType s_type = new();

    // The claim paths the credential type reports, mapped back to the CSV column they come from.
    private static readonly Dictionary<string, string> s_claimColumns = new(StringComparer.Ordinal)
    {
        ["certificate_number"] = "certificate_number",
        ["exam.category_code"] = "category_code",
        ["exam.session"] = "session",
        ["pass_date"] = "pass_date",
        ["family_name"] = "family_name",
        ["given_name"] = "given_name",
        ["family_name#ja-Kana-JP"] = "family_name_kana",
        ["given_name#ja-Kana-JP"] = "given_name_kana",
        ["family_name#ja-Latn-JP"] = "family_name_romaji",
        ["given_name#ja-Latn-JP"] = "given_name_romaji",
        ["birthdate"] = "birthdate",
    };

    /// <summary>Reads a CSV file.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="today">Today in Japan (dates after it are refused).</param>
    /// <param name="taken">Certificate numbers already on the desk (a row repeating one is refused).</param>
    public static DeskCsvResult Read(ReadOnlySpan<byte> content, DateOnly today, IReadOnlySet<string>? taken = null)
    {
        var problems = new List<DeskProblem>();
        var rows = new List<DeskCsvRow>();
        if (content.Length > MaxBytes)
        {
            problems.Add(new(0, null, $"ファイルが大きすぎます（上限 {MaxBytes / 1024} KiB）。分けてアップロードしてください。", $"The file is too large (at most {MaxBytes / 1024} KiB). Upload it in parts."));
            return new(rows, problems);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(0, null, "ファイルが UTF-8 ではありません。Excel では「CSV UTF-8（コンマ区切り）」で保存してください（Shift_JIS は読めません）。", "The file is not UTF-8. In Excel, save it as \"CSV UTF-8 (Comma delimited)\" (Shift_JIS cannot be read)."));
            return new(rows, problems);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var records = Parse(text, problems);
        if (records.Count == 0 || records[0].Fields.All(f => f.Length == 0))
        {
            if (problems.Count == 0)
            {
                problems.Add(new(0, null, "ファイルが空です。1行目に見出し、2行目から1人1行で書いてください。", "The file is empty. Write the header on line 1 and one person per line from line 2."));
            }

            return new(rows, problems);
        }

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (Columns.All(c => c.Name != name))
            {
                problems.Add(new(header.Line, null, $"見出しの {i + 1} 列目は知らない列名です。使える列名: {Header}", $"Column {i + 1} of the header is not a known column. The columns are: {Header}"));
            }
            else if (!index.TryAdd(name, i))
            {
                problems.Add(new(header.Line, name, "見出しに同じ列が2回あります。", "The header names this column twice."));
            }
        }

        foreach (var column in Columns.Where(c => c.Required && !index.ContainsKey(c.Name)))
        {
            problems.Add(new(header.Line, column.Name, $"必須の列「{column.Japanese}」が見出しにありません。", $"The required column \"{column.English}\" is missing from the header."));
        }

        if (problems.Count > 0)
        {
            return new(rows, problems);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var people = 0;
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }

            if (++people > MaxRows)
            {
                problems.Add(new(record.Line, null, $"1つのファイルは {MaxRows} 人までです。この行から後は読んでいません。", $"One file holds at most {MaxRows} people. This line and the ones after it were not read."));
                break;
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new(record.Line, null, $"列の数が見出しと違います（見出し {header.Fields.Count} 列、この行 {record.Fields.Count} 列）。", $"The line has {record.Fields.Count} fields, the header {header.Fields.Count}."));
                continue;
            }

            var rowProblems = new List<DeskProblem>();
            string Field(string name) => index.TryGetValue(name, out var i) ? record.Fields[i].Trim() : string.Empty;
            foreach (var column in Columns.Where(c => index.ContainsKey(c.Name)))
            {
                if (Field(column.Name).Length > MaxFieldLength)
                {
                    rowProblems.Add(new(record.Line, column.Name, $"「{column.Japanese}」が長すぎます（{MaxFieldLength} 文字まで）。", $"\"{column.English}\" is too long (at most {MaxFieldLength} characters)."));
                }
            }

            if (rowProblems.Count == 0)
            {
                var claims = ToClaims(Field);
                foreach (var problem in s_type.Validate(claims, today))
                {
                    rowProblems.Add(Explain(record.Line, problem));
                }

                var number = Field("certificate_number");
                if (rowProblems.Count == 0 && (!seen.Add(number) || (taken?.Contains(number) ?? false)))
                {
                    var column = Column("certificate_number");
                    rowProblems.Add(new(record.Line, column.Name, "この合格証書番号はすでに使われています（同じ人を2回登録しようとしていませんか）。", "This certificate number is already used (is the same person listed twice?)."));
                }

                if (rowProblems.Count == 0)
                {
                    rows.Add(new(record.Line, number, Field("family_name") + " " + Field("given_name"), Field("category_code"), claims));
                }
            }

            problems.AddRange(rowProblems);
        }

        if (problems.Count > MaxProblems)
        {
            var more = problems.Count - MaxProblems;
            problems.RemoveRange(MaxProblems, more);
            problems.Add(new(0, null, $"ほかに {more} 件の問題があります。", $"{more} more problems are not listed."));
        }

        return new(rows, problems);
    }

    /// <summary>The claims of one row (empty optional fields left out).</summary>
    private static JsonObject ToClaims(Func<string, string> field)
    {
        var code = field("category_code");
        var exam = new JsonObject
        {
            ["category_code"] = code,
            ["name"] = IpaExamCredentialType.Categories.TryGetValue(code, out var name) ? name : code,
        };
        if (field("session") is { Length: > 0 } session)
        {
            exam["session"] = session;
        }

        var claims = new JsonObject
        {
            ["certificate_number"] = field("certificate_number"),
            ["exam"] = exam,
            ["pass_date"] = field("pass_date"),
            ["document_kind"] = "certificate_of_passing",
            ["family_name"] = field("family_name"),
            ["given_name"] = field("given_name"),
        };
        Optional("family_name#ja-Kana-JP", "family_name_kana");
        Optional("given_name#ja-Kana-JP", "given_name_kana");
        Optional("family_name#ja-Latn-JP", "family_name_romaji");
        Optional("given_name#ja-Latn-JP", "given_name_romaji");
        claims["birthdate"] = field("birthdate");
        claims["issuing_authority"] = IssuingAuthority;
        claims["issuing_country"] = "JP";
        return claims;

        void Optional(string claim, string column)
        {
            if (field(column) is { Length: > 0 } value)
            {
                claims[claim] = value;
            }
        }
    }

    /// <summary>A problem the credential type found, said in both languages for the column it comes from.</summary>
    private static DeskProblem Explain(int line, ClaimProblem problem)
    {
        var column = s_claimColumns.TryGetValue(problem.Path, out var name) ? Column(name) : null;
        var ja = column?.Japanese ?? problem.Path;
        var en = column?.English ?? problem.Path;
        var message = problem.Message;
        var (japanese, english) = message switch
        {
            "is missing." or "must be a non-empty string." => ($"「{ja}」が空です。", $"\"{en}\" is empty."),
            CredentialType.DateNotIso => ($"「{ja}」は YYYY-MM-DD の形の日付で書いてください（和暦は使えません）。", $"\"{en}\" must be a date written YYYY-MM-DD."),
            CredentialType.DateDoesNotExist => ($"「{ja}」は存在しない日付です。", $"\"{en}\" is a date that does not exist."),
            "is in the future." => ($"「{ja}」が未来の日付です。", $"\"{en}\" is in the future."),
            "must be after the birth date." => ("合格日が生年月日より前です。", "The date passed is before the date of birth."),
            _ when message.StartsWith("is not an exam category code", StringComparison.Ordinal) => ($"「{ja}」が試験区分ではありません（{string.Join(", ", IpaExamCredentialType.Categories.Keys)} のどれか）。", $"\"{en}\" is not an exam category (one of {string.Join(", ", IpaExamCredentialType.Categories.Keys)})."),
            _ when problem.Path == "certificate_number" => ($"「{ja}」は YYYY-MM-NNNNN の形で書いてください（第・号は付けません）。", $"\"{en}\" must be written YYYY-MM-NNNNN (without 第 and 号)."),
            _ when problem.Path.EndsWith("#ja-Kana-JP", StringComparison.Ordinal) => ($"「{ja}」はカタカナで書いてください。", $"\"{en}\" must be in katakana."),
            _ when problem.Path.EndsWith("#ja-Latn-JP", StringComparison.Ordinal) => ($"「{ja}」はローマ字（半角英字）で書いてください。", $"\"{en}\" must be in Latin letters."),
            _ => ($"「{ja}」の値が正しくありません。", $"\"{en}\" {message}"),
        };
        return new(line, column?.Name, japanese, english);
    }

    private static DeskCsvColumn Column(string name) => Columns.First(c => c.Name == name);

    /// <summary>Splits the text into records (RFC 4180), each with the line it starts on.</summary>
    private static List<Record> Parse(string text, List<DeskProblem> problems)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n' or '\r':
                    fields.Add(field.ToString());
                    records.Add(new(start, fields));
                    fields = [];
                    field.Clear();
                    wasQuoted = false;
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            problems.Add(new(start, null, "閉じていない \" があります。", "A quoted field is not closed (a \" is missing)."));
            return [];
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new(start, fields));
        }

        return records;
    }

    private sealed record Record(int Line, List<string> Fields);
}
