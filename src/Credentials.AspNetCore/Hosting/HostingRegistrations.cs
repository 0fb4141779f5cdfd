using System;
using System.Linq;
using Credentials.AspNetCore.Storage;
using Credentials.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Hosting;

/// <summary>What the <c>Add*</c> registrations share: one registration per role and name, the protocol state store and its cleanup.</summary>
internal static class HostingRegistrations
{
    /// <summary>Records that <paramref name="role"/> named <paramref name="name"/> is registered, or throws when it already is.</summary>
    /// <exception cref="InvalidOperationException">The role and name are already registered.</exception>
    public static void Claim(IServiceCollection services, Type role, string name)
    {
        var alreadyRegistered = services.Any(d => d.ServiceType == typeof(Registration) && d.ImplementationInstance is Registration r && r.Role == role && r.Name == name)
            || (name.Length == 0 && services.Any(d => d.ServiceType == role && !d.IsKeyedService))
            || (name.Length > 0 && services.Any(d => d.ServiceType == role && d.IsKeyedService && Equals(d.ServiceKey, name)));
        if (alreadyRegistered)
        {
            throw new InvalidOperationException(name.Length == 0
                ? $"The default {role.Name} is already registered; register each further one under its own name (for example AddOpenId4VciIssuer(\"name\", ...))."
                : $"A {role.Name} named '{name}' is already registered; each name can be registered once.");
        }

        services.AddSingleton(new Registration(role, name));
    }

    /// <summary>The prefix of a validation message: the role and, for a named instance, its name.</summary>
    public static string Describe(string role, string? name) => string.IsNullOrEmpty(name) ? role + ": " : $"{role} '{name}': ";

    /// <summary>Whether a service of <paramref name="type"/> is registered, keyed with <paramref name="name"/> or unkeyed.</summary>
    public static bool IsService(IServiceProviderIsService services, Type type, string? name)
        => services.IsService(type) || (!string.IsNullOrEmpty(name) && services is IServiceProviderIsKeyedService keyed && keyed.IsKeyedService(type, name));

    /// <summary>The service keyed with <paramref name="name"/>, else the unkeyed one, else <see langword="null"/>.</summary>
    public static T? Resolve<T>(IServiceProvider services, string name)
        where T : class
        => (name.Length > 0 ? services.GetKeyedService<T>(name) : null) ?? services.GetService<T>();

    /// <summary>Registers the instance built by <paramref name="create"/>: unkeyed for the default name, else keyed with the name.</summary>
    public static void AddInstance<T>(IServiceCollection services, string name, Func<IServiceProvider, T> create)
        where T : class
    {
        if (name.Length == 0)
        {
            services.AddSingleton(create);
        }
        else
        {
            services.AddKeyedSingleton(name, (provider, _) => create(provider));
        }
    }

    /// <summary>The protocol state store, or a clear error when none is registered.</summary>
    public static IProtocolStateStore Store(IServiceProvider services, string role)
        => services.GetService<IProtocolStateStore>() ?? throw new InvalidOperationException($"Register an IProtocolStateStore (for example AddSqliteProtocolStateStore or AddInMemoryProtocolStateStore) before using the {role}.");

    /// <summary>
    /// Registers (once) the hosted service that purges expired protocol state, with the <see cref="ProtocolStateCleanupOptions"/>
    /// registered by <c>AddProtocolStateCleanup</c> or else the defaults over the clock the state is written with.
    /// </summary>
    public static void AddCleanup(IServiceCollection services)
    {
        services.TryAddSingleton<ProtocolStateClock>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProtocolStateCleanupService>(sp => new ProtocolStateCleanupService(
            sp.GetService<IProtocolStateStore>(),
            sp.GetService<ProtocolStateCleanupOptions>(),
            sp.GetRequiredService<ProtocolStateClock>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ProtocolStateCleanupService>>())));
    }

    /// <summary>Tells the purge which clock the protocol state is written with (the first clock published wins).</summary>
    public static void PublishClock(IServiceProvider services, TimeProvider clock) => services.GetService<ProtocolStateClock>()?.Publish(clock);

    /// <summary>Logs that an instance was built, under this class's category.</summary>
    public static void LogBuilt(IServiceProvider services, string role, string name, string identifier)
    {
        if (services.GetService<ILoggerFactory>() is { } loggers)
        {
            var logger = loggers.CreateLogger(typeof(HostingRegistrations).FullName!);
            HostingLog.Built(logger, role, name, identifier);
        }
    }

    private sealed record Registration(Type Role, string Name);
}
