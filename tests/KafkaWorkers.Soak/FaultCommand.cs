using System.Diagnostics;

namespace KafkaWorkers.Soak;

/// <summary>
/// The user's fault, run through <c>/bin/sh -c</c> at each fault step (for example a script that pauses a broker's
/// container for a few seconds and resumes it). The harness waits for it to exit before the group recovers.
/// </summary>
/// <param name="command">The shell command.</param>
public sealed class FaultCommand(string command)
{
    /// <summary>How long the command may take before the harness kills it and counts it as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string Command { get; } = command;

    /// <summary>
    /// Runs the command with <c>SOAK_BOOTSTRAP_SERVERS</c>, <c>SOAK_TOPIC</c>, <c>SOAK_GROUP</c> and <c>SOAK_FAULT</c>
    /// (the fault's number, from 1) in its environment, and its output in the harness's log.
    /// </summary>
    /// <returns>The command's exit code, or null when it did not end within <see cref="Timeout"/> (it is killed).</returns>
    public async Task<int?> RunAsync(IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Command);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
            return process.ExitCode;
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return null;
        }

        void Log(string? line)
        {
            if (line is not null)
            {
                log($"[soak]          fault command: {line}");
            }
        }
    }
}
