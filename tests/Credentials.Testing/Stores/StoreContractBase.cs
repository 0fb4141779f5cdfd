using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.Testing.Stores;

/// <summary>What the store contract suites share: disposal of what a test created, and a place to print figures.</summary>
public abstract class StoreContractBase : IAsyncLifetime
{
    private readonly List<object> _owned = [];

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where figures (winners, duplicates) are printed; nowhere when <see langword="null"/>.</param>
    protected StoreContractBase(ITestOutputHelper? output) => Output = output;

    /// <summary>Where figures are printed.</summary>
    protected ITestOutputHelper? Output { get; }

    /// <summary>Disposes (at the end of the test) what the test made: stores, data sources, folders as <see cref="IDisposable"/>.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="value">An <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>; anything else is ignored.</param>
    /// <returns>The value.</returns>
    protected T Own<T>(T value)
    {
        if (value is IAsyncDisposable or IDisposable)
        {
            lock (_owned)
            {
                _owned.Add(value);
            }
        }

        return value;
    }

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            switch (_owned[i])
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Writes a figure line to the test output.</summary>
    /// <param name="line">The line.</param>
    protected void Report(string line) => Output?.WriteLine(line);
}
