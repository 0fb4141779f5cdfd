using System;
using System.Linq;
using System.Text;
using Credentials.Samples.Web.Desk;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>The desk's CSV reading: valid rows become <c>ipa-exam</c> claims; every problem names its line and column in both languages.</summary>
public sealed class DeskCsvReaderTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static DeskCsvResult Read(string text, System.Collections.Generic.IReadOnlySet<string>? taken = null)
        => DeskCsvReader.Read(Encoding.UTF8.GetBytes(text), Today, taken);

    [Fact]
    public void Valid_rows_become_claims_of_the_type()
    {
        var result = Read(DeskWallet.SampleCsv + "2026-05-01234,AP,,2026-06-15,高橋,結衣,,,,,2003-11-08\n");

        Assert.True(result.IsClean, string.Join("; ", result.Problems));
        Assert.Equal(2, result.Rows.Count);
        var first = result.Rows[0];
        Assert.Equal(2, first.Line);
        Assert.Equal("2026-05-04321", first.CertificateNumber);
        Assert.Equal("佐藤 健", first.DisplayName);
        Assert.Equal("基本情報技術者試験", first.Claims["exam"]!["name"]!.GetValue<string>());
        Assert.Equal("サトウ", first.Claims["family_name#ja-Kana-JP"]!.GetValue<string>());
        Assert.False(result.Rows[1].Claims.ContainsKey("family_name#ja-Kana-JP"));
    }

    [Fact]
    public void Quoted_fields_with_commas_quotes_and_a_BOM_are_read()
    {
        var text = "\uFEFF" + DeskCsvReader.Header + "\r\n\"2026-05-04321\",FE,\"2026,05\",2026-06-15,\"佐\"\"藤\",健,,,,,2001-04-02\r\n";

        var result = Read(text);

        Assert.True(result.IsClean, string.Join("; ", result.Problems));
        Assert.Equal("2026,05", result.Rows[0].Claims["exam"]!["session"]!.GetValue<string>());
        Assert.Equal("佐\"藤", result.Rows[0].Claims["family_name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2026-05-04321,XX,,2026-06-15,佐藤,健,,,,,2001-04-02", "category_code")]
    [InlineData("2026-05-04321,FE,,2026/06/15,佐藤,健,,,,,2001-04-02", "pass_date")]
    [InlineData("2026-05-04321,FE,,2026-02-30,佐藤,健,,,,,2001-04-02", "pass_date")]
    [InlineData("2026-05-04321,FE,,2027-01-01,佐藤,健,,,,,2001-04-02", "pass_date")]
    [InlineData("第2026-05-04321号,FE,,2026-06-15,佐藤,健,,,,,2001-04-02", "certificate_number")]
    [InlineData("2026-05-04321,FE,,2026-06-15,,健,,,,,2001-04-02", "family_name")]
    [InlineData("2026-05-04321,FE,,2026-06-15,佐藤,健,さとう,,,,2001-04-02", "family_name_kana")]
    [InlineData("2026-05-04321,FE,,2026-06-15,佐藤,健,,,佐藤,,2001-04-02", "family_name_romaji")]
    public void A_bad_row_is_reported_with_its_line_and_column_and_left_out(string line, string column)
    {
        var result = Read(DeskCsvReader.Header + "\n2026-05-00001,FE,,2026-06-15,高橋,結衣,,,,,2003-11-08\n" + line + "\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.NotEmpty(problem.Japanese);
        Assert.NotEmpty(problem.English);
        Assert.Equal("2026-05-00001", Assert.Single(result.Rows).CertificateNumber);
    }

    [Fact]
    public void A_certificate_number_twice_or_already_on_the_desk_is_refused()
    {
        var line = "2026-05-04321,FE,,2026-06-15,佐藤,健,,,,,2001-04-02\n";

        var twice = Read(DeskCsvReader.Header + "\n" + line + line);
        var taken = Read(DeskCsvReader.Header + "\n" + line, new System.Collections.Generic.HashSet<string> { "2026-05-04321" });

        Assert.Equal(3, Assert.Single(twice.Problems).Line);
        Assert.Single(twice.Rows);
        Assert.Equal("certificate_number", Assert.Single(taken.Problems).Column);
        Assert.Empty(taken.Rows);
    }

    [Fact]
    public void A_header_without_a_required_column_or_with_an_unknown_one_reads_no_row()
    {
        var result = Read("certificate_number,category_code,nickname\n2026-05-04321,FE,ken\n");

        Assert.Empty(result.Rows);
        Assert.All(result.Problems, p => Assert.Equal(1, p.Line));
        Assert.Contains(result.Problems, p => p.Column == "pass_date");
        Assert.Contains(result.Problems, p => p.Column is null);
    }

    [Fact]
    public void Limits_are_enforced_size_rows_and_encoding()
    {
        var large = Read(DeskCsvReader.Header + "\n" + new string('x', DeskCsvReader.MaxBytes));
        var many = Read(DeskCsvReader.Header + "\n" + string.Concat(Enumerable.Range(1, DeskCsvReader.MaxRows + 1).Select(i => $"2026-05-{i:D5},FE,,2026-06-15,佐藤,健,,,,,2001-04-02\n")));
        var shiftJis = DeskCsvReader.Read([0x82, 0xA0, 0x2C, 0x0A], Today);
        var unclosed = Read(DeskCsvReader.Header + "\n\"2026-05-04321,FE\n");

        Assert.Equal(0, Assert.Single(large.Problems).Line);
        Assert.Equal(DeskCsvReader.MaxRows, many.Rows.Count);
        Assert.Equal(DeskCsvReader.MaxRows + 2, Assert.Single(many.Problems).Line);
        Assert.Contains("UTF-8", Assert.Single(shiftJis.Problems).English, StringComparison.Ordinal);
        Assert.Single(unclosed.Problems);
        Assert.Empty(unclosed.Rows);
    }

    [Fact]
    public void A_field_longer_than_the_limit_is_reported()
    {
        var result = Read(DeskCsvReader.Header + "\n2026-05-04321,FE," + new string('1', DeskCsvReader.MaxFieldLength + 1) + ",2026-06-15,佐藤,健,,,,,2001-04-02\n");

        Assert.Equal("session", Assert.Single(result.Problems).Column);
    }
}
