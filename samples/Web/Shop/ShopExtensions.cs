using System;
using Microsoft.AspNetCore.Builder;

namespace Credentials.Samples.Web.Shop;

/// <summary>The shop's age check (<c>/shop</c>): its services and endpoints.</summary>
public static class ShopExtensions
{
    /// <summary>Adds the shop's services.</summary>
    /// <param name="builder">The app builder.</param>
    public static WebApplicationBuilder AddShop(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps the shop's endpoints.</summary>
    /// <param name="app">The app.</param>
    public static WebApplication MapShop(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
