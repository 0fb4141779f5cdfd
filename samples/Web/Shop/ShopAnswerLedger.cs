using System;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;

namespace Credentials.Samples.Web.Shop;

/// <summary>
/// Makes an answer good for one look: the answer cookie carries a random id, and the result page shows an answer only
/// the first time its id is seen. Deleting the cookie only forgets the browser's copy; without this, a copied cookie
/// would show "20 or over" again until it expires.
/// </summary>
public sealed class ShopAnswerLedger(TimeProvider timeProvider)
{
    /// <summary>The claim type of the answer's one-time id.</summary>
    public const string AnswerIdClaim = "shop_answer_id";

    // Ids are kept a little longer than the cookie lives, so no copy outlives its id's record.
    private static readonly TimeSpan Retention = ShopExtensions.AnswerLifetime + TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <summary>A fresh one-time id claim (128 bits from the CSPRNG).</summary>
    public static Claim NewAnswerId() => new(AnswerIdClaim, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Whether the answer may be shown: true once per id; false for a missing id or one already shown.</summary>
    /// <param name="principal">The answer read from the cookie.</param>
    public bool TryUse(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirst(AnswerIdClaim)?.Value;
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        foreach (var entry in _used)
        {
            if (entry.Value <= now)
            {
                _used.TryRemove(entry.Key, out _);
            }
        }

        return _used.TryAdd(id, now + Retention);
    }
}
