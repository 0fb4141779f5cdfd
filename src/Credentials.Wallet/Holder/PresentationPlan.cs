using System;
using System.Collections.Immutable;
using System.Threading;
using Credentials.Dcql;
using Credentials.Dcql.Matching;

namespace Credentials.Wallet.Holder;

/// <summary>
/// What the wallet would send in answer to a request, to show the user before anything leaves the wallet: to whom,
/// for which queries, which credentials and exactly which claims. Answer it once with
/// <see cref="CredentialWallet.RespondAsync"/> and a <see cref="PresentationConsent"/>.
/// </summary>
public sealed class PresentationPlan
{
    private int _answered;

    internal PresentationPlan(PresentationRequest request, string locale, DcqlMatchResult match, ImmutableArray<PlannedPresentation> presentations, ImmutableArray<UnansweredQuery> unanswered)
    {
        Request = request;
        Locale = locale;
        Match = match;
        Presentations = presentations;
        Unanswered = unanswered;
    }

    /// <summary>The request.</summary>
    public PresentationRequest Request { get; }

    /// <summary>The verifier (<c>client_id</c>).</summary>
    public string Verifier => Request.ClientId;

    /// <summary>The audience the Key Binding JWTs will name.</summary>
    public string Audience => Request.EffectiveAudience;

    /// <summary>The verifier's stated purpose, if any.</summary>
    public string? Purpose => Request.Purpose;

    /// <summary>The language of the labels.</summary>
    public string Locale { get; }

    /// <summary>
    /// Whether the wallet can answer the request. When <see langword="false"/>, <see cref="Presentations"/> is empty and
    /// nothing can be sent (OpenID4VP 1.0 section 6.4.2); <see cref="Unanswered"/> says why.
    /// </summary>
    public bool IsSatisfiable => Match.IsSatisfied;

    /// <summary>The presentations that would be sent, required ones first.</summary>
    public ImmutableArray<PlannedPresentation> Presentations { get; }

    /// <summary>The queries the wallet cannot answer, with reasons (blocking ones and optional ones).</summary>
    public ImmutableArray<UnansweredQuery> Unanswered { get; }

    /// <summary>The matcher's full result (every candidate and mismatch), for apps that offer more choice.</summary>
    public DcqlMatchResult Match { get; }

    /// <summary>Whether the plan was already approved or denied.</summary>
    public bool IsAnswered => Volatile.Read(ref _answered) != 0;

    /// <summary>The planned presentation for a query id, or <see langword="null"/>.</summary>
    /// <param name="queryId">The Credential Query id.</param>
    public PlannedPresentation? Find(string queryId)
    {
        foreach (var p in Presentations)
        {
            if (string.Equals(p.QueryId, queryId, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }

    internal bool TryMarkAnswered() => Interlocked.Exchange(ref _answered, 1) == 0;
}
