using System;
using System.Globalization;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using Credentials.Benchmarks.Peers;

namespace Credentials.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/Credentials.Benchmarks -- --filter '*'</c>.
/// Every class measures the raw signature floor in the same run, so results read as ratios.
/// <c>-- peers [iterations]</c> (SD-JWT VC) and <c>-- peers-di &lt;iterations&gt; &lt;signed-output.json&gt;</c> (W3C Data
/// Integrity) run the .NET halves of the cross-language comparison (see <c>Peers/compare.sh</c>);
/// <c>-- mdoc-peers &lt;iterations&gt; &lt;peer-input.json&gt;</c> the .NET half of <c>MdocCompare.sh</c> (mdoc against @animo-id/mdoc).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">BenchmarkDotNet arguments, <c>peers [iterations]</c> or <c>peers-di &lt;iterations&gt; &lt;path&gt;</c>.</param>
    public static async Task Main(string[] args)
    {
        if (args.Length > 2 && args[0] == "peers-di")
        {
            await PeerComparison.RunDataIntegrityAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
            return;
        }

        if (args.Length > 2 && args[0] == "mdoc-peers")
        {
            await MdocPeerComparison.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
            return;
        }

        if (args.Length > 0 && args[0] == "peers")
        {
            await PeerComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
