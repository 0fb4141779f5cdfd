using System;
using System.IO;
using SharpFuzz;

namespace Credentials.Fuzz;

/// <summary>
/// The SharpFuzz entry point: <c>Credentials.Fuzz TARGET</c> under afl-fuzz (see README.md), or
/// <c>Credentials.Fuzz TARGET FILE...</c> to run inputs once without the fuzzer.
/// </summary>
public static class Program
{
    /// <summary>Runs a target.</summary>
    /// <param name="args">The target name, then optionally input files to replay.</param>
    /// <returns>0, or 2 for a usage error.</returns>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
        {
            Console.Error.WriteLine($"usage: Credentials.Fuzz {string.Join('|', FuzzTargets.Names)} [FILE...]");
            return 2;
        }

        if (args.Length > 1)
        {
            foreach (var file in args[1..])
            {
                target(File.ReadAllBytes(file));
            }

            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.ToArray());
        });
        return 0;
    }
}
