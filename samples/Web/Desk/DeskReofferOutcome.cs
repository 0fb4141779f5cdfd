namespace Credentials.Samples.Web.Desk;

/// <summary>What became of a request for a fresh offer.</summary>
public enum DeskReofferOutcome
{
    /// <summary>The fresh offer was made; its PIN is shown this once.</summary>
    Made,

    /// <summary>The row is unknown or not offered any more (redeemed, revoked …).</summary>
    NotOffered,

    /// <summary>
    /// Another fresh offer for the row was made at the same moment (staff at another screen, a double click) and
    /// replaced the offer this request set out to replace: that one's PIN was shown there, none here.
    /// </summary>
    Superseded,
}
