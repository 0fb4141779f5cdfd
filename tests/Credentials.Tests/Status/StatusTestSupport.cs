using System;
using System.Text;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.Status;

/// <summary>A Status Issuer key, a clock and helpers to build and verify tokens.</summary>
internal sealed class StatusTestSupport : IDisposable
{
    public const string ListUri = "https://issuer.example/statuslists/1";

    public static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public SigningKey Key { get; } = SigningKey.Create(JwsAlgorithm.Es256, "status-key");

    public FakeTimeProvider Clock { get; } = new(Start);

    public StatusListTokenIssuer Issuer(TimeSpan? lifetime = null, TimeSpan? ttl = null)
        => new(Key, new StatusListTokenIssuerOptions { TimeProvider = Clock, Lifetime = lifetime ?? TimeSpan.FromDays(1), TimeToLive = ttl ?? TimeSpan.FromMinutes(10) });

    public StatusListTokenVerifier Verifier(StatusListTokenVerifierOptions? options = null)
        => new(new StaticIssuerKeyResolver(Key.PublicJwk), (options ?? new StatusListTokenVerifierOptions()) with { TimeProvider = Clock });

    /// <summary>Signs any payload as a JWS, for malformed-token tests.</summary>
    public string Sign(string payloadJson, string? typ = StatusListTokenIssuer.TokenType)
        => JwsWriter.SignCompact(Key, Encoding.UTF8.GetBytes(payloadJson), typ);

    public static string Lst(int bits = 1, long count = 16, long revoked = 3)
    {
        var builder = new StatusListBuilder(bits, count);
        builder.Set(revoked, StatusValue.Invalid);
        return builder.Encode();
    }

    public long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    public void Dispose() => Key.Dispose();
}
