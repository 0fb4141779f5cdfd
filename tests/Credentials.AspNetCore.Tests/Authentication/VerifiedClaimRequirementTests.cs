using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>The authorization requirements: JSON value equality, and only identities signed in from a presentation.</summary>
public sealed class VerifiedClaimRequirementTests
{
    [Theory]
    [InlineData("true", "http://www.w3.org/2001/XMLSchema#boolean", "true", true)]
    [InlineData("false", "http://www.w3.org/2001/XMLSchema#boolean", "true", false)]
    [InlineData("true", "http://www.w3.org/2001/XMLSchema#string", "true", false)]
    [InlineData("true", "http://www.w3.org/2001/XMLSchema#boolean", "\"true\"", false)]
    [InlineData("JP", "http://www.w3.org/2001/XMLSchema#string", "\"JP\"", true)]
    [InlineData("20", "http://www.w3.org/2001/XMLSchema#integer64", "20.0", true)]
    [InlineData("20", "http://www.w3.org/2001/XMLSchema#integer64", "\"20\"", false)]
    [InlineData("{\"b\":1,\"a\":[1,2]}", "JSON", "{\"a\":[1,2],\"b\":1}", true)]
    [InlineData("{\"b\":1", "JSON", "{\"b\":1}", false)]
    public async Task VerifiedClaim_ComparesByJsonSemantics(string value, string valueType, string expected, bool succeeds)
    {
        using var document = JsonDocument.Parse(expected);
        var requirement = new VerifiedClaimRequirement("c", document.RootElement);

        Assert.Equal(succeeds, await SucceedsAsync(requirement, Presented(new Claim("c", value, valueType))));
    }

    [Fact]
    public async Task VerifiedClaim_WithoutValue_AnyValueOfThatClaim()
    {
        var requirement = new VerifiedClaimRequirement("age_over_20", null);

        Assert.True(await SucceedsAsync(requirement, Presented(new Claim("age_over_20", "false", ClaimValueTypes.Boolean))));
        Assert.False(await SucceedsAsync(requirement, Presented(new Claim("age_over_18", "true", ClaimValueTypes.Boolean))));
    }

    [Fact]
    public async Task Requirements_IgnoreIdentitiesNotSignedInFromAPresentation()
    {
        var other = new ClaimsPrincipal(new ClaimsIdentity([new Claim("age_over_20", "true", ClaimValueTypes.Boolean), new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t")], "Cookies"));

        Assert.False(await SucceedsAsync(new VerifiedClaimRequirement("age_over_20", JsonDocument.Parse("true").RootElement), other));
        Assert.False(await SucceedsAsync(new CredentialTypeRequirement("urn:t"), other));
        Assert.True(await SucceedsAsync(new CredentialTypeRequirement("urn:t"), Presented(new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t"))));
        Assert.False(await SucceedsAsync(new CredentialTypeRequirement("urn:T"), Presented(new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t"))));
    }

    [Fact]
    public void PolicyBuilder_DefaultsToThePresentationSchemeAndKeepsNamedSchemes()
    {
        var defaulted = new AuthorizationPolicyBuilder().RequireVerifiedClaim("age_over_20", true).RequireCredentialType("urn:t").Build();
        var named = new AuthorizationPolicyBuilder("Other").RequireVerifiedClaim("age_over_20", true).Build();

        Assert.Equal([VerifiablePresentationDefaults.AuthenticationScheme], defaulted.AuthenticationSchemes);
        Assert.Equal(2, defaulted.Requirements.Count);
        Assert.Equal(["Other"], named.AuthenticationSchemes);
    }

    [Theory]
    [InlineData("Cookies", VerifiablePresentationDefaults.AuthenticationScheme)]
    [InlineData("OpenIdConnect", VerifiablePresentationDefaults.AuthenticationScheme)]
    [InlineData("AuthenticationTypes.Federation", "https://idp.example")]
    [InlineData(VerifiablePresentationDefaults.AuthenticationScheme, "https://idp.example")]
    [InlineData(VerifiablePresentationDefaults.AuthenticationScheme, "LOCAL AUTHORITY")]
    [InlineData("Header", "Header")]
    public async Task Requirements_IgnoreAMethodClaimNotIssuedByAPresentationScheme(string authenticationType, string methodIssuer)
    {
        // What another scheme (OpenID Connect's amr mapping, a bearer token, a claims transformation) could produce.
        var identity = new ClaimsIdentity(authenticationType);
        identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, VerifiablePresentationDefaults.AuthenticationMethod, ClaimValueTypes.String, methodIssuer));
        identity.AddClaim(new Claim("age_over_20", "true", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t"));
        var forged = new ClaimsPrincipal(identity);

        Assert.False(await SucceedsAsync(new VerifiedClaimRequirement("age_over_20", JsonDocument.Parse("true").RootElement), forged));
        Assert.False(await SucceedsAsync(new CredentialTypeRequirement("urn:t"), forged));
    }

    [Fact]
    public async Task Requirements_WithoutTheRequestAsResource_NothingQualifies()
    {
        var requirement = new CredentialTypeRequirement("urn:t");
        var context = new AuthorizationHandlerContext([requirement], Presented(new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t")), null);

        await ((IAuthorizationHandler)requirement).HandleAsync(context);

        Assert.False(context.HasSucceeded);
    }

    [Fact]
    public async Task Requirements_ConfiguredClaimsIssuer_IsTheOneThatCounts()
    {
        var requirement = new CredentialTypeRequirement("urn:t");

        Assert.True(await SucceedsAsync(requirement, Presented("https://shop.example/vp", new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t")), "https://shop.example/vp"));
        Assert.False(await SucceedsAsync(requirement, Presented(new Claim(VerifiablePresentationClaimTypes.CredentialType, "urn:t")), "https://shop.example/vp"));
    }

    // As the handler signs in: its scheme as the authentication type, the method claim from its claims issuer.
    private static ClaimsPrincipal Presented(params Claim[] claims) => Presented(VerifiablePresentationDefaults.AuthenticationScheme, claims);

    private static ClaimsPrincipal Presented(string methodIssuer, params Claim[] claims)
    {
        var identity = new ClaimsIdentity(VerifiablePresentationDefaults.AuthenticationScheme);
        identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, VerifiablePresentationDefaults.AuthenticationMethod, ClaimValueTypes.String, methodIssuer));
        identity.AddClaims(claims);
        return new ClaimsPrincipal(identity);
    }

    private static async Task<bool> SucceedsAsync(IAuthorizationRequirement requirement, ClaimsPrincipal user, string? claimsIssuer = null)
    {
        var services = new ServiceCollection();
        services.AddAuthentication()
            .AddCookie()
            .AddScheme<AuthenticationSchemeOptions, HeaderHandler>("Header", null)
            .AddVerifiablePresentation(o =>
            {
                o.Query = PresentationAuthenticationTestBed.Query;
                o.SignInScheme = "Cookies";
                o.ClaimsIssuer = claimsIssuer;
            });
        await using var provider = services.BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = provider };
        var context = new AuthorizationHandlerContext([requirement], user, http);
        await ((IAuthorizationHandler)requirement).HandleAsync(context);
        return context.HasSucceeded;
    }

    private sealed class HeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
