using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Credentials.Diagnostics;
using Xunit;

namespace Credentials.Tests.Diagnostics;

/// <summary>Listens to the library's activity source and meter and keeps every stopped activity and every measurement.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryCapture(bool activities = true, bool metrics = true)
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => activities && source.Name == CredentialsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Add,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (metrics && instrument.Meter.Name == CredentialsTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measurements.Add(new Measurement(instrument.Name, instrument.Unit, value, tags.ToArray())));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measurements.Add(new Measurement(instrument.Name, instrument.Unit, value, tags.ToArray())));
        _meters.Start();
    }

    public ConcurrentBag<Activity> Stopped { get; } = [];

    public ConcurrentBag<Measurement> Measurements { get; } = [];

    public IReadOnlyList<Measurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    public Activity SingleActivity(string name) => Assert.Single(Stopped, a => a.OperationName == name);

    /// <summary>Every tag value of every activity (and event) and every measurement, as text.</summary>
    public IEnumerable<string> AllTagValues()
        => Stopped.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))
                .Append(a.DisplayName).Append(a.StatusDescription ?? string.Empty))
            .Concat(Measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")));

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    internal sealed record Measurement(string Instrument, string? Unit, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public object? Tag(string name) => Tags.FirstOrDefault(t => t.Key == name).Value;
    }
}

/// <summary>Telemetry listeners are process-wide: these tests run alone so that no other test's work is measured.</summary>
[CollectionDefinition(nameof(SerialTelemetryTests), DisableParallelization = true)]
public sealed class SerialTelemetryTests;
