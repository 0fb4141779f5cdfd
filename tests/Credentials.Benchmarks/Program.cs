using BenchmarkDotNet.Running;

namespace Credentials.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/Credentials.Benchmarks -- --filter '*'</c>.
/// Every class measures the raw signature floor in the same run, so results read as ratios.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
