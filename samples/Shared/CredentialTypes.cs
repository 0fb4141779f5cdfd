using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;

namespace Credentials.Samples;

/// <summary>The four sample credential types, by command-line name and by <c>vct</c>.</summary>
public static class CredentialTypes
{
    /// <summary>IPA exam pass certificate (<c>ipa-exam</c>).</summary>
    public static IpaExamCredentialType IpaExam { get; } = new();

    /// <summary>DSS skill achievement (<c>dss-skill</c>).</summary>
    public static DssSkillCredentialType DssSkill { get; } = new();

    /// <summary>Age credential (<c>age</c>).</summary>
    public static AgeCredentialType Age { get; } = new();

    /// <summary>Driving licence, illustrative (<c>driving-licence</c>).</summary>
    public static DrivingLicenceCredentialType DrivingLicence { get; } = new();

    /// <summary>All four, in command-line order.</summary>
    public static IReadOnlyList<CredentialType> All { get; } = [IpaExam, DssSkill, Age, DrivingLicence];

    /// <summary>The command-line names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>Finds a type by its command-line name (case-insensitive).</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out CredentialType? type)
    {
        type = All.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return type is not null;
    }

    /// <summary>Finds a type by name, or throws a <see cref="CliException"/> (<see cref="CliErrors.UnknownTypeCode"/>) listing the known names.</summary>
    public static CredentialType Get(string? name)
        => TryGet(name, out var type) ? type : throw new CliException(CliErrors.UnknownType(name ?? string.Empty, Names));

    /// <summary>Finds a type by its <c>vct</c>.</summary>
    public static bool TryGetByVct(string? vct, [NotNullWhen(true)] out CredentialType? type)
    {
        type = All.FirstOrDefault(t => string.Equals(t.Vct, vct, StringComparison.Ordinal));
        return type is not null;
    }

    /// <summary>A type metadata registry with the four documents (for verifiers, wallets and <c>vct#integrity</c>).</summary>
    public static LocalTypeMetadataRegistry CreateMetadataRegistry(TypeMetadataResolverOptions? options = null)
        => LocalTypeMetadataRegistry.FromDocuments(All.Select(t => t.MetadataDocument), options);
}
