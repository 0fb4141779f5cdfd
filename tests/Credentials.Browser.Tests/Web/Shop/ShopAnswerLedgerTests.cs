using System;
using System.Security.Claims;
using Credentials.Samples.Web.Shop;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Browser.Tests.Web.Shop;

/// <summary>
/// An answer is shown once: the result page asks the ledger, which says yes only the first time an answer's one-time id
/// is seen (a copied answer cookie shows nothing a second time). No browser needed.
/// </summary>
public sealed class ShopAnswerLedgerTests
{
    private static ClaimsPrincipal Answer(Claim? id)
    {
        var identity = new ClaimsIdentity("test");
        if (id is not null)
        {
            identity.AddClaim(id);
        }

        return new ClaimsPrincipal(identity);
    }

    [Fact]
    public void An_answer_is_shown_once()
    {
        var ledger = new ShopAnswerLedger(new FakeTimeProvider());
        var answer = Answer(ShopAnswerLedger.NewAnswerId());

        Assert.True(ledger.TryUse(answer));
        Assert.False(ledger.TryUse(answer));
    }

    [Fact]
    public void An_answer_without_its_one_time_id_is_never_shown()
    {
        var ledger = new ShopAnswerLedger(new FakeTimeProvider());

        Assert.False(ledger.TryUse(Answer(null)));
        Assert.False(ledger.TryUse(Answer(new Claim(ShopAnswerLedger.AnswerIdClaim, string.Empty))));
    }

    [Fact]
    public void Each_answer_has_its_own_id_and_a_copy_stays_refused_while_the_cookie_could_live()
    {
        var clock = new FakeTimeProvider();
        var ledger = new ShopAnswerLedger(clock);
        var first = Answer(ShopAnswerLedger.NewAnswerId());
        var second = Answer(ShopAnswerLedger.NewAnswerId());

        Assert.True(ledger.TryUse(first));
        Assert.True(ledger.TryUse(second));
        clock.Advance(ShopExtensions.AnswerLifetime);
        Assert.False(ledger.TryUse(first));
    }
}
