using System;
using System.Collections.Generic;
using System.Linq;

namespace Credentials.Samples;

/// <summary>A claims document does not satisfy its credential type; <see cref="Problems"/> says where and why.</summary>
public sealed class CredentialClaimsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">At least one problem.</param>
    /// <param name="source">Where the claims came from (a file name), for the message.</param>
    public CredentialClaimsException(IReadOnlyList<ClaimProblem> problems, string? source = null)
        : base("The claims do not fit the credential type: " + string.Join("; ", (problems ?? []).Select(p => $"{p.Path}: {p.Message}")))
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
        Source = source;
    }

    /// <summary>What is wrong.</summary>
    public IReadOnlyList<ClaimProblem> Problems { get; }
}
