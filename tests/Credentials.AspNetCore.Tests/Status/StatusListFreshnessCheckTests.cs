using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.AspNetCore.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>The freshness health check and the publication-age gauge, on a host whose signer can be made to fail.</summary>
public sealed class StatusListFreshnessCheckTests
{
    [Fact]
    public async Task FreshnessCheck_SignerFailsFromNowOn_HealthyThenDegradedThenUnhealthy()
    {
        var uri = StatusListHostBed.ListUri(1);
        var faults = new Faults();
        await using var bed = await StartAsync([uri], faults);
        await bed.WaitForTokenAsync(uri);
        var first = await CheckAsync(bed);
        faults.FailSignatures(int.MaxValue);

        // Lifetime 1 h: due at 40 min (re-signing fails), Degraded under a sixth left (50 min), Unhealthy at exp.
        bed.Clock.Advance(TimeSpan.FromMinutes(45));
        var late = await CheckAsync(bed);
        bed.Clock.Advance(TimeSpan.FromMinutes(6));
        var near = await CheckAsync(bed);
        bed.Clock.Advance(TimeSpan.FromMinutes(10));
        var expired = await CheckAsync(bed);

        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.Equal(HealthStatus.Healthy, late.Status);
        Assert.Equal(HealthStatus.Degraded, near.Status);
        Assert.Contains(uri, near.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, expired.Status);
        Assert.Contains(uri + ": the token has expired", expired.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FreshnessCheck_TokenOlderThanMaxAge_Unhealthy()
    {
        var uri = StatusListHostBed.ListUri(1);
        var faults = new Faults();
        await using var bed = await StartAsync([uri], faults, new StatusListFreshnessCheckOptions { MaxAge = TimeSpan.FromMinutes(30) });
        await bed.WaitForTokenAsync(uri);
        faults.FailSignatures(int.MaxValue);

        bed.Clock.Advance(TimeSpan.FromMinutes(31));
        var result = await CheckAsync(bed);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(uri + ": the token is older than the maximum age", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FreshnessCheck_NothingPublished_UnhealthyNamingTheList()
    {
        var uri = StatusListHostBed.ListUri(1);
        var faults = new Faults();
        faults.FailSignatures(int.MaxValue);
        await using var bed = await StartAsync([uri], faults);
        await StatusListHostBed.EventuallyAsync(() => Task.FromResult(bed.Host.Logs.Entries.Any(e => e.EventId.Id == 1402)), "a failed publication");

        var result = await CheckAsync(bed);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(uri + ": no token is published", result.Description);
    }

    [Fact]
    public async Task PublicationAge_Gauge_SecondsSinceTheNewestTokensIat()
    {
        var uri = StatusListHostBed.ListUri(1);
        await using var bed = await StartAsync([uri], new Faults());
        await bed.WaitForTokenAsync(uri);
        var meters = bed.Host.Services.GetRequiredService<IMeterFactory>();
        await StatusListHostBed.EventuallyAsync(() => Task.FromResult(Age(meters, uri) is not null), "a measurement");

        bed.Clock.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(420, Age(meters, uri));
    }

    private static double? Age(IMeterFactory meters, string uri)
    {
        double? age = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Credentials" && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "credentials.status_list.publication_age")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "credentials.status_list.uri" && Equals(tag.Value, uri))
                {
                    age = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return age;
    }

    private static Task<StatusListHostBed> StartAsync(IEnumerable<string> lists, Faults faults, StatusListFreshnessCheckOptions? options = null)
    {
        return StatusListHostBed.StartAsync(
            lists,
            o => o.RetryDelay = TimeSpan.FromMinutes(1),
            wrapSigner: key => new FaultySigner(key, faults),
            services: (s, _) => s.AddHealthChecks().AddStatusListFreshnessCheck(options: options));
    }

    private static async Task<HealthReportEntry> CheckAsync(StatusListHostBed bed)
    {
        var report = await bed.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["status_lists"];
    }
}
