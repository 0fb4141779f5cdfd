using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Credentials.Diagnostics;

/// <summary>
/// The library's activity source, meter and instruments (names in <c>specs/observability.md</c>). Each recording
/// method first checks whether anything listens, so that an unobserved call allocates nothing.
/// </summary>
internal static class Telemetry
{
    // Tag names: OpenTelemetry's error.type for the error code (a closed, low-cardinality set), our own namespace otherwise.
    public const string FormatTag = "credentials.format";
    public const string OutcomeTag = "credentials.outcome";
    public const string ErrorTypeTag = "error.type";
    public const string ConfigurationIdTag = "credentials.configuration_id";
    public const string VctTag = "credentials.vct";
    public const string CountTag = "credentials.count";
    public const string StatusCodeTag = "http.response.status_code";

    public const string Valid = "valid";
    public const string Invalid = "invalid";

    // Formats, by their OpenID4VCI/OpenID4VP format identifiers.
    public const string SdJwtVcFormat = "dc+sd-jwt";
    public const string MdocFormat = "mso_mdoc";
    public const string LdpVcFormat = "ldp_vc";
    public const string JwtVcJsonFormat = "jwt_vc_json";

    // Activity names.
    public const string SdJwtVcIssueActivity = "credentials.sd_jwt_vc.issue";
    public const string CredentialEndpointActivity = "credentials.openid4vci.credential";
    public const string SdJwtVcVerifyActivity = "credentials.sd_jwt_vc.verify";
    public const string MdocVerifyActivity = "credentials.mdoc.verify";
    public const string W3cVerifyActivity = "credentials.w3c.verify";
    public const string PresentationResponseActivity = "credentials.openid4vp.response";
    public const string DcApiResponseActivity = "credentials.openid4vp.dc_api_response";

    // Presentation outcomes.
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string WalletError = "wallet_error";
    public const string Refused = "refused";

    public static readonly ActivitySource Source = new(CredentialsTelemetry.ActivitySourceName, CredentialsTelemetry.Version);

    public static readonly Meter Meter = new(CredentialsTelemetry.MeterName, CredentialsTelemetry.Version);

    public static readonly Counter<long> Issued = Meter.CreateCounter<long>(
        "credentials.issued", "{credential}", "Credentials issued (signed and handed out), by format, credential configuration id and vct.");

    public static readonly Counter<long> Verified = Meter.CreateCounter<long>(
        "credentials.verified", "{credential}", "Credentials verified, by format and outcome (valid or invalid).");

    public static readonly Counter<long> VerificationFailures = Meter.CreateCounter<long>(
        "credentials.verification.failures", "{failure}", "Failed credential verifications, by format and error code (error.type).");

    public static readonly Histogram<double> VerificationDuration = Meter.CreateHistogram(
        "credentials.verification.duration",
        "s",
        "How long a credential verification took (including key, status and type metadata resolution), by format and outcome.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Counter<long> PresentationsVerified = Meter.CreateCounter<long>(
        "credentials.presentations.verified", "{presentation}", "OpenID4VP responses processed, by outcome (accepted, rejected, wallet_error, refused) and error code.");

    /// <summary>Whether a verification should be observed at all (an activity listener or an enabled instrument).</summary>
    public static bool VerificationObserved => Source.HasListeners() || Verified.Enabled || VerificationFailures.Enabled || VerificationDuration.Enabled;

    /// <summary>Whether an issuance should be observed at all.</summary>
    public static bool IssuanceObserved => Source.HasListeners() || Issued.Enabled;

    /// <summary>Whether an OpenID4VP response should be observed at all.</summary>
    public static bool PresentationObserved => Source.HasListeners() || PresentationsVerified.Enabled;

    /// <summary>Counts issued credentials and tags the current issuance activity (ours only) with identifiers.</summary>
    public static void RecordIssued(string format, string? configurationId, string? vct, int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (Issued.Enabled)
        {
            Issued.Add(
                count,
                new KeyValuePair<string, object?>(FormatTag, format),
                new KeyValuePair<string, object?>(ConfigurationIdTag, configurationId),
                new KeyValuePair<string, object?>(VctTag, vct));
        }

        if (Activity.Current is { } activity && ReferenceEquals(activity.Source, Source))
        {
            activity.SetTag(FormatTag, format);
            activity.SetTag(ConfigurationIdTag, configurationId);
            activity.SetTag(VctTag, vct);
            activity.SetTag(CountTag, count);
        }
    }

    /// <summary>Marks an activity failed by an exception: its type only (an exception's message may carry data).</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        var type = exception.GetType().FullName;
        activity.SetTag(ErrorTypeTag, type);
        activity.SetStatus(ActivityStatusCode.Error, type);
        activity.Dispose();
    }

    /// <summary>Counts a processed OpenID4VP response and completes its activity.</summary>
    public static void RecordPresentation(Activity? activity, string outcome, ErrorCode? code)
    {
        var error = code?.Value;
        if (PresentationsVerified.Enabled)
        {
            PresentationsVerified.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome), new KeyValuePair<string, object?>(ErrorTypeTag, error));
        }

        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            if (error is not null)
            {
                activity.SetTag(ErrorTypeTag, error);
                if (outcome != Accepted)
                {
                    activity.SetStatus(ActivityStatusCode.Error, error);
                }
            }

            activity.Dispose();
        }
    }
}
