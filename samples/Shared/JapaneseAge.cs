using System;

namespace Credentials.Samples;

/// <summary>
/// Age as Japanese law counts it.
/// </summary>
/// <remarks>
/// <para>年齢計算ニ関スル法律 (明治35年法律第50号) 第1項「年齢ハ出生ノ日ヨリ之ヲ起算ス」 counts age from the day of
/// birth (the first day is included), and 第2項「民法第百四十三条ノ規定ハ年齢ノ計算ニ之ヲ準用ス」 applies 民法第143条:
/// a period in years not counted from the start of a year 「最後の…年においてその起算日に応当する日の前日に満了する。
/// ただし、…最後の月に応当する日がないときは、その月の末日に満了する。」, and by 民法第141条 a period ends at the end
/// of its last day.</para>
/// <para>So a person turns N at the end of the day before the N-th birthday, i.e. at 00:00 on the birthday they are
/// N: born 2006-04-02, 20 from 2026-04-02 00:00 (at 2026-04-01 23:59 still 19). Someone born on 29 February turns a
/// year older at the end of 28 February in common years (the last day of February, as the 応当日 29 February does
/// not exist), so they are N from 1 March; in leap years from 29 February. .NET's
/// <c>birth.AddYears(n)</c> clamps 29 February to 28 February and would make them N a day early.</para>
/// <para>Dates here are calendar dates in Japan (JST); use <see cref="JapanTime.Today"/> for "today".</para>
/// </remarks>
public static class JapaneseAge
{
    /// <summary>The age of adulthood (民法第4条, since 2022-04-01).</summary>
    public const int Adulthood = 18;

    /// <summary>The age for alcohol and tobacco (二十歳未満ノ者ノ飲酒ノ禁止ニ関スル法律 / 喫煙ノ禁止ニ関スル法律).</summary>
    public const int AlcoholAndTobacco = 20;

    /// <summary>The first calendar date (JST) on which a person born on <paramref name="birthDate"/> is <paramref name="age"/> years old.</summary>
    public static DateOnly DateOfAttaining(DateOnly birthDate, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        var year = birthDate.Year + age;
        if (birthDate.Month == 2 && birthDate.Day == 29 && !DateTime.IsLeapYear(year))
        {
            // 民法第143条第2項ただし書: the period ends at the end of 28 February; the new age starts on 1 March.
            return new DateOnly(year, 3, 1);
        }

        return new DateOnly(year, birthDate.Month, birthDate.Day);
    }

    /// <summary>The instant (00:00 JST on <see cref="DateOfAttaining"/>) at which the person becomes <paramref name="age"/>.</summary>
    public static DateTimeOffset InstantOfAttaining(DateOnly birthDate, int age)
        => JapanTime.StartOfDay(DateOfAttaining(birthDate, age));

    /// <summary>The age (満年齢) on <paramref name="date"/>; negative dates before birth are not ages and throw.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before <paramref name="birthDate"/>.</exception>
    public static int AgeOn(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), "The date is before the birth date.");
        }

        var age = date.Year - birthDate.Year;
        if (age > 0 && date < DateOfAttaining(birthDate, age))
        {
            age--;
        }

        return age;
    }

    /// <summary>Whether the person is at least <paramref name="age"/> on <paramref name="date"/>.</summary>
    public static bool IsAtLeast(DateOnly birthDate, int age, DateOnly date)
        => date >= DateOfAttaining(birthDate, age);
}
