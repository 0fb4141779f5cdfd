namespace Credentials.Samples.Web.Desk;

/// <summary>The desk's sign-in: its cookie authentication scheme and the policy every desk page requires.</summary>
public static class DeskAuth
{
    /// <summary>The cookie authentication scheme of desk staff.</summary>
    public const string Scheme = "DeskStaff";

    /// <summary>The authorization policy of the desk's pages and endpoints.</summary>
    public const string Policy = "DeskStaff";

    /// <summary>The role claim a signed-in staff member has.</summary>
    public const string Role = "desk-staff";

    /// <summary>The sign-in page.</summary>
    public const string LoginPath = "/desk/login";

    /// <summary>The desk's own page.</summary>
    public const string DeskPath = "/desk";
}
