using System;

namespace Credentials.Internal;

/// <summary>
/// Date and duration arithmetic that clamps at the ends of the range instead of throwing, so that no option value
/// (for example a skew of <see cref="TimeSpan.MaxValue"/>) can make a verification path throw.
/// </summary>
internal static class SaturatingTime
{
    /// <summary><paramref name="time"/> + <paramref name="duration"/>, clamped to the range of <see cref="DateTimeOffset"/> (UTC).</summary>
    public static DateTimeOffset Add(DateTimeOffset time, TimeSpan duration)
    {
        var ticks = time.UtcTicks;
        long result;
        if (duration.Ticks >= 0)
        {
            result = ticks > DateTimeOffset.MaxValue.UtcTicks - duration.Ticks ? DateTimeOffset.MaxValue.UtcTicks : ticks + duration.Ticks;
        }
        else
        {
            // ticks is not negative, so adding a negative duration cannot overflow (even long.MinValue).
            var sum = ticks + duration.Ticks;
            result = sum < DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue.UtcTicks : sum;
        }

        return new DateTimeOffset(result, TimeSpan.Zero);
    }

    /// <summary><paramref name="time"/> − <paramref name="duration"/>, clamped to the range of <see cref="DateTimeOffset"/> (UTC).</summary>
    public static DateTimeOffset Subtract(DateTimeOffset time, TimeSpan duration)
        => duration.Ticks == long.MinValue ? Add(Add(time, TimeSpan.MaxValue), TimeSpan.FromTicks(1)) : Add(time, -duration);

    /// <summary><paramref name="a"/> + <paramref name="b"/>, clamped to the range of <see cref="TimeSpan"/>.</summary>
    public static TimeSpan Add(TimeSpan a, TimeSpan b)
    {
        var sum = unchecked(a.Ticks + b.Ticks);

        // Overflow happened when both operands have the same sign and the sum's sign differs.
        if (((a.Ticks ^ sum) & (b.Ticks ^ sum)) < 0)
        {
            return a.Ticks > 0 ? TimeSpan.MaxValue : TimeSpan.MinValue;
        }

        return TimeSpan.FromTicks(sum);
    }
}
