using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Credentials.Diagnostics;

/// <summary>
/// One observed credential verification: its activity (when sampled), its start time (when the duration histogram is
/// enabled), then on completion the counters and the activity's outcome tags. Only created when
/// <see cref="Telemetry.VerificationObserved"/>.
/// </summary>
internal readonly struct VerificationScope
{
    private readonly Activity? _activity;
    private readonly long _start;
    private readonly string _format;

    private VerificationScope(Activity? activity, long start, string format)
    {
        _activity = activity;
        _start = start;
        _format = format;
    }

    public static VerificationScope Start(string activityName, string format)
    {
        var activity = Telemetry.Source.StartActivity(activityName, ActivityKind.Internal);
        activity?.SetTag(Telemetry.FormatTag, format);
        var start = Telemetry.VerificationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        return new VerificationScope(activity, start, format);
    }

    /// <summary>Records the outcome: valid when <paramref name="error"/> is <see langword="null"/>.</summary>
    public void Complete(VerificationError? error)
    {
        var outcome = error is null ? Telemetry.Valid : Telemetry.Invalid;
        var format = new KeyValuePair<string, object?>(Telemetry.FormatTag, _format);
        var outcomeTag = new KeyValuePair<string, object?>(Telemetry.OutcomeTag, outcome);
        if (_start != 0)
        {
            Telemetry.VerificationDuration.Record(Stopwatch.GetElapsedTime(_start).TotalSeconds, format, outcomeTag);
        }

        if (Telemetry.Verified.Enabled)
        {
            Telemetry.Verified.Add(1, format, outcomeTag);
        }

        if (error is not null && Telemetry.VerificationFailures.Enabled)
        {
            Telemetry.VerificationFailures.Add(1, format, new KeyValuePair<string, object?>(Telemetry.ErrorTypeTag, error.Code.Value));
        }

        if (_activity is { } activity)
        {
            activity.SetTag(Telemetry.OutcomeTag, outcome);
            if (error is not null)
            {
                activity.SetTag(Telemetry.ErrorTypeTag, error.Code.Value);
                activity.SetStatus(ActivityStatusCode.Error, error.Code.Value);
            }

            activity.Dispose();
        }
    }

    /// <summary>Ends the activity of a verification that threw (a programmer error or a failing resolver).</summary>
    public void Fail(Exception exception) => Telemetry.Fail(_activity, exception);
}
