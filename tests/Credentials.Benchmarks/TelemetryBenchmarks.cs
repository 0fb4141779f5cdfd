using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Diagnostics;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;

namespace Credentials.Benchmarks;

/// <summary>
/// What observing costs: the same SD-JWT VC verification (EdDSA, 3 of 10 claims, KB-JWT, trust list) with nothing
/// listening (the baseline: the instrumented call only checks that nobody listens), with a MeterListener on the
/// <c>Credentials</c> meter, and with that plus an ActivityListener sampling every <c>Credentials</c> activity. Each
/// case runs in its own process, so each listener is attached only for its case.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks : IDisposable
{
    private SigningKey _issuerKey = null!;
    private SigningKey _holderKey = null!;
    private SdJwtVcVerifier _verifier = null!;
    private SdJwtVcPolicy _policy = null!;
    private string _presentation = null!;
    private MeterListener? _meters;
    private ActivityListener? _activities;
    private long _measurements;

    /// <summary>Issues and presents once.</summary>
    [GlobalSetup(Target = nameof(NoListener))]
    public Task SetupAsync() => PrepareAsync(metrics: false, activities: false);

    /// <summary>Issues and presents once, then listens to the meter.</summary>
    [GlobalSetup(Target = nameof(Metrics))]
    public Task SetupMetricsAsync() => PrepareAsync(metrics: true, activities: false);

    /// <summary>Issues and presents once, then listens to the meter and the activity source.</summary>
    [GlobalSetup(Target = nameof(MetricsAndActivities))]
    public Task SetupTracingAsync() => PrepareAsync(metrics: true, activities: true);

    /// <summary>Verification with nothing listening.</summary>
    [Benchmark(Baseline = true, Description = "verify, nothing listening")]
    public ValueTask<SdJwtVcVerificationResult> NoListener() => _verifier.VerifyAsync(_presentation, _policy);

    /// <summary>Verification with the meter listened to.</summary>
    [Benchmark(Description = "verify, MeterListener")]
    public ValueTask<SdJwtVcVerificationResult> Metrics() => _verifier.VerifyAsync(_presentation, _policy);

    /// <summary>Verification with the meter and every activity recorded.</summary>
    [Benchmark(Description = "verify, MeterListener + ActivityListener")]
    public ValueTask<SdJwtVcVerificationResult> MetricsAndActivities() => _verifier.VerifyAsync(_presentation, _policy);

    /// <summary>Detaches the listeners and disposes the keys.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _meters?.Dispose();
        _activities?.Dispose();
        _issuerKey?.Dispose();
        _holderKey?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task PrepareAsync(bool metrics, bool activities)
    {
        _issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        _holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        var trustList = new TrustList([new TrustedIssuer { Issuer = ExamWorkload.Issuer, Keys = [_issuerKey.PublicJwk], CredentialTypes = [ExamWorkload.Vct] }]);
        _verifier = new SdJwtVcVerifier(trustList, options: new SdJwtVcVerifierOptions());
        _policy = new SdJwtVcPolicy
        {
            KeyBinding = KeyBindingRequirement.Required(ExamWorkload.Audience, ExamWorkload.Nonce),
            IssuerAuthorization = trustList,
            Status = StatusCheck.Skip,
            TypeMetadata = TypeMetadataCheck.Skip,
        };
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = ExamWorkload.Issuer, DefaultValidity = TimeSpan.FromDays(365) });
        var issued = await issuer.IssueAsync(ExamWorkload.Issuance(_holderKey.PublicJwk));
        var presented = await new SdJwtHolder().PresentAsync(issued, ExamWorkload.Selection(), new KeyBindingInput(ExamWorkload.Audience, ExamWorkload.Nonce), _holderKey);
        _presentation = presented.Value.Serialize();
        if (metrics)
        {
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == CredentialsTelemetry.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<long>((_, value, _, _) => _measurements += value);
            _meters.SetMeasurementEventCallback<double>((_, _, _, _) => _measurements++);
            _meters.Start();
        }

        if (activities)
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CredentialsTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_activities);
        }

        var check = await _verifier.VerifyAsync(_presentation, _policy);
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"The benchmark presentation does not verify: {check.Error!.Code}.");
        }
    }
}
