// Orders.Producer: writes N keyed order messages concurrently, like the seed demo's producer.
//   dotnet run --project samples/Orders.Producer -- --bootstrap localhost:9092 --topic orders --count 1000 --keys 32
using System.Diagnostics;
using System.Globalization;
using Orders.Producer;

var settings = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--bootstrap"] = Environment.GetEnvironmentVariable("Kafka__BootstrapServers") ?? "localhost:9092",
    ["--topic"] = "orders",
    ["--count"] = "1000",
    ["--keys"] = "32",
    ["--run"] = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture),
};
for (var i = 0; i < args.Length; i++)
{
    if (!settings.ContainsKey(args[i]) || i + 1 == args.Length)
    {
        Console.Error.WriteLine($"usage: Orders.Producer [{string.Join("] [", settings.Keys.Select(k => $"{k} {settings[k]}"))}]");
        return 2;
    }

    settings[args[i]] = args[++i];
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var count = int.Parse(settings["--count"], CultureInfo.InvariantCulture);
var keys = int.Parse(settings["--keys"], CultureInfo.InvariantCulture);
var stopwatch = Stopwatch.StartNew();
await OrderBurst.ProduceAsync(settings["--bootstrap"], settings["--topic"], count, keys, settings["--run"], cancellation.Token);
Console.WriteLine(
    $"Produced {count} orders ({keys} keys) to {settings["--topic"]} on {settings["--bootstrap"]} in {stopwatch.ElapsedMilliseconds} ms; ids {OrderBurst.OrderId(settings["--run"], 0)}..");
return 0;
