using System;
using System.Collections.Generic;
using System.Linq;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.Configuration;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// The mutable settings an app registers an <see cref="SdJwtVcVerifier"/> with (see
/// <see cref="Microsoft.Extensions.DependencyInjection.SdJwtVcServiceCollectionExtensions"/>): the scalar values can come
/// from configuration (keys are these property names), the resolvers are set in code or else taken from DI (a service
/// keyed with the verifier's name first, then the unkeyed one). They become an immutable
/// <see cref="SdJwtVcVerifierOptions"/> once; each property has the same meaning and default as the option of the same name.
/// </summary>
public sealed class SdJwtVcVerifierSettings
{
    /// <summary>The names of the algorithms accepted for the Issuer-signed JWT. Default EdDSA, Ed25519, ES256, ES384.</summary>
    public IList<string> AllowedAlgorithms { get; } = [.. JwsAlgorithm.DefaultAllowed.Select(a => a.Name)];

    /// <summary>The names of the algorithms accepted for the Key Binding JWT. Default EdDSA, Ed25519, ES256, ES384.</summary>
    public IList<string> AllowedKeyBindingAlgorithms { get; } = [.. JwsAlgorithm.DefaultAllowed.Select(a => a.Name)];

    /// <summary>Tolerance for clock differences. Default 60 seconds; at most <see cref="SdJwtVerifierOptions.MaxClockSkew"/>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The oldest KB-JWT <c>iat</c> accepted. Default 5 minutes.</summary>
    public TimeSpan KeyBindingMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Claims that must never be selectively disclosed, besides the registered ones.</summary>
    public IList<string> NeverDisclosableClaims { get; } = [];

    /// <summary>Whether the credential must have <c>exp</c>. Default <see langword="true"/>.</summary>
    public bool RequireExpirationTime { get; set; } = true;

    /// <summary>Whether the credential must have <c>cnf</c>. Default <see langword="true"/>.</summary>
    public bool RequireConfirmationKey { get; set; } = true;

    /// <summary>Whether the credential must have <c>status</c>. Default <see langword="false"/>.</summary>
    public bool RequireStatus { get; set; }

    /// <summary>Whether a JWS JSON Serialization with several signatures is accepted. Default <see langword="false"/>.</summary>
    public bool AllowMultipleSignatures { get; set; }

    /// <summary>Accept the older <c>typ</c> <c>vc+sd-jwt</c>. Default <see langword="false"/>.</summary>
    public bool AcceptLegacyType { get; set; }

    /// <summary>Resolves issuer keys; when <see langword="null"/>, the <see cref="IIssuerKeyResolver"/> in DI (required one way or the other).</summary>
    public IIssuerKeyResolver? IssuerKeys { get; set; }

    /// <summary>Resolves status lists; when <see langword="null"/>, the <see cref="IStatusListResolver"/> in DI, if any.</summary>
    public IStatusListResolver? StatusLists { get; set; }

    /// <summary>Resolves type metadata; when <see langword="null"/>, the <see cref="ITypeMetadataResolver"/> in DI, if any.</summary>
    public ITypeMetadataResolver? TypeMetadata { get; set; }

    /// <summary>The reader's limits; the defaults when <see langword="null"/>.</summary>
    public SdJwtReaderOptions? Limits { get; set; }

    /// <summary>The clock; when <see langword="null"/>, the <see cref="System.TimeProvider"/> registered in DI, else the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Values from configuration that could not be read; reported by start-up validation.</summary>
    internal List<string> ConfigurationProblems { get; } = [];

    /// <summary>Reads the bindable values from <paramref name="configuration"/>.</summary>
    internal void Bind(IConfiguration configuration)
    {
        var r = new ConfigurationReader(configuration, ConfigurationProblems);
        r.Strings(nameof(AllowedAlgorithms), AllowedAlgorithms);
        r.Strings(nameof(AllowedKeyBindingAlgorithms), AllowedKeyBindingAlgorithms);
        ClockSkew = r.TimeSpan(nameof(ClockSkew), ClockSkew);
        KeyBindingMaxAge = r.TimeSpan(nameof(KeyBindingMaxAge), KeyBindingMaxAge);
        r.Strings(nameof(NeverDisclosableClaims), NeverDisclosableClaims);
        RequireExpirationTime = r.Boolean(nameof(RequireExpirationTime), RequireExpirationTime);
        RequireConfirmationKey = r.Boolean(nameof(RequireConfirmationKey), RequireConfirmationKey);
        RequireStatus = r.Boolean(nameof(RequireStatus), RequireStatus);
        AllowMultipleSignatures = r.Boolean(nameof(AllowMultipleSignatures), AllowMultipleSignatures);
        AcceptLegacyType = r.Boolean(nameof(AcceptLegacyType), AcceptLegacyType);
    }

    /// <summary>The immutable options; call only once validation passed.</summary>
    internal SdJwtVcVerifierOptions ToOptions(TimeProvider defaultClock) => new()
    {
        AllowedAlgorithms = Algorithms(AllowedAlgorithms),
        AllowedKeyBindingAlgorithms = Algorithms(AllowedKeyBindingAlgorithms),
        ClockSkew = ClockSkew,
        KeyBindingMaxAge = KeyBindingMaxAge,
        NeverDisclosableClaims = [.. NeverDisclosableClaims],
        RequireExpirationTime = RequireExpirationTime,
        RequireConfirmationKey = RequireConfirmationKey,
        RequireStatus = RequireStatus,
        AllowMultipleSignatures = AllowMultipleSignatures,
        AcceptLegacyType = AcceptLegacyType,
        Limits = Limits ?? SdJwtReaderOptions.Default,
        TimeProvider = TimeProvider ?? defaultClock,
    };

    private static JwsAlgorithm[] Algorithms(IList<string> names)
        => [.. names.Select(name => JwsAlgorithm.TryGet(name, out var a) ? a : throw new InvalidOperationException($"Unknown algorithm '{name}'."))];
}
