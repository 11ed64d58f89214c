using System.Diagnostics;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>Waits for conditions that the scenarios need before they measure.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, double seconds = 60)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed.TotalSeconds > seconds)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
