using System;
using System.Collections.Generic;
using System.Threading;

namespace Credentials.Wallet.Tests;

/// <summary>
/// Child-process side of the crash test: opens the wallet with an app key, starts importing a large batch and, at the
/// fault point inside the write transaction, prints <c>READY</c> and blocks until the parent kills the process (SIGKILL).
/// </summary>
internal static class CrashHelper
{
    public const string Mode = "crash-import";

    public static int Run(string[] args)
    {
        // args: mode, path, key (hex), copies, kill-at copy, copy length
        var path = args[1];
        using var key = WalletKey.Import(Convert.FromHexString(args[2]));
        var copies = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var killAt = "import:copy:" + args[4];
        var length = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
        var options = TempWallet.FastOptions with
        {
            FaultInjection = point =>
            {
                if (point == killAt)
                {
                    Console.Out.WriteLine("READY");
                    Console.Out.Flush();
                    Thread.Sleep(Timeout.Infinite);
                }
            },
        };
        var opened = WalletStore.OpenAsync(path, WalletSecret.FromKey(key), options).AsTask().GetAwaiter().GetResult();
        if (!opened.IsValid)
        {
            Console.Out.WriteLine("OPEN FAILED " + opened.Error.Code);
            return 2;
        }

        using var store = opened.Value;
        var list = new List<CredentialCopyInput>();
        for (var i = 0; i < copies; i++)
        {
            list.Add(new CredentialCopyInput(Samples.Opaque(length)));
        }

        var result = store.ImportAsync(Samples.Batch(list)).AsTask().GetAwaiter().GetResult();
        Console.Out.WriteLine(result.IsValid ? "COMMITTED" : "FAILED " + result.Error.Code);
        return 3;
    }
}
