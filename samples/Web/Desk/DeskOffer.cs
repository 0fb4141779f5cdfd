namespace Credentials.Samples.Web.Desk;

/// <summary>
/// An offer the desk has just made: the row, and the offer's PIN to show this once (never stored; a lost PIN needs a
/// fresh offer).
/// </summary>
/// <param name="Row">The row, as stored.</param>
/// <param name="Pin">The 6-digit PIN, if the offer has one.</param>
public sealed record DeskOffer(DeskRow Row, string? Pin);
