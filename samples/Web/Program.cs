using System;
using System.IO;
using System.Linq;
using Credentials.Samples.Web;
using Microsoft.Extensions.Hosting;

// dotnet run --project samples/Web [-- --data <folder>] [--port <port>]
var data = ValueOf("--data") ?? Environment.GetEnvironmentVariable("CREDENTIALS_WEB_DATA") ?? WebAppSettings.DefaultDataDirectory;
var port = int.TryParse(ValueOf("--port"), out var p) ? p : 5180;
var app = WebApp.Build(new WebAppSettings
{
    DataDirectory = data,
    Port = port,
    Arguments = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray(),
});
await app.StartAsync();
var origin = WebApp.Origin(app);
Console.WriteLine("Credentials sample web app (loopback only)");
Console.WriteLine("  データフォルダ / data folder: " + Path.GetFullPath(data));
foreach (var (path, ja, en) in WebApp.Pages)
{
    Console.WriteLine($"  {ja} / {en}: {origin}{path}");
}

Console.WriteLine("Ctrl+C で終了 / Ctrl+C to stop.");
await app.WaitForShutdownAsync();

string? ValueOf(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
