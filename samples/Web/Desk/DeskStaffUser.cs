namespace Credentials.Samples.Web.Desk;

/// <summary>A staff member of the desk (the type <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> hashes for).</summary>
/// <param name="UserName">The sign-in name.</param>
public sealed record DeskStaffUser(string UserName);
