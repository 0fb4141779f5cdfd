namespace Credentials.Samples.Web.Desk;

/// <summary>The outcome of a request for a fresh offer, and the offer when one was made.</summary>
/// <param name="Outcome">What became of the request.</param>
/// <param name="Offer">The row and its new PIN when <paramref name="Outcome"/> is <see cref="DeskReofferOutcome.Made"/>.</param>
public sealed record DeskReoffer(DeskReofferOutcome Outcome, DeskOffer? Offer);
