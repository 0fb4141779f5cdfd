using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Samples.Web.Checker;

/// <summary>The credential checker (<c>/checker</c>, バッジ確認): its services and endpoints.</summary>
public static class CheckerExtensions
{
    /// <summary>Adds the checker's service (one <see cref="CredentialChecker"/>, stateless).</summary>
    /// <param name="builder">The app builder.</param>
    public static WebApplicationBuilder AddChecker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CredentialChecker>();
        return builder;
    }

    /// <summary>Maps the checker's endpoints (the page itself is a Razor Page, <c>Pages/Checker/Index</c>).</summary>
    /// <param name="app">The app.</param>
    public static WebApplication MapChecker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
