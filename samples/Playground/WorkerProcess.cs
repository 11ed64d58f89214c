using System.Diagnostics;
using System.Globalization;

namespace Playground;

/// <summary>One replica: a real <c>dotnet Orders.Worker.dll</c> process, stopped like Kubernetes stops a pod (SIGTERM).</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _output;

    private WorkerProcess(int number, Process process, StreamWriter output)
    {
        Number = number;
        _process = process;
        _output = output;
    }

    /// <summary>The replica's number in this run (1, 2, ...).</summary>
    public int Number { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether SIGTERM was sent.</summary>
    public bool IsStopping { get; private set; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a replica with the given environment; its output goes to <paramref name="outputPath"/>.</summary>
    public static WorkerProcess Start(int number, string workerPath, IReadOnlyDictionary<string, string> environment, string outputPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(workerPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(workerPath);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StreamWriter(outputPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler write = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.WriteLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += write;
        process.ErrorDataReceived += write;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(number, process, output);
    }

    /// <summary>Sends SIGTERM: the worker stops fetching, finishes in-flight messages, commits and leaves the group.</summary>
    public void Terminate()
    {
        if (IsStopping || _process.HasExited)
        {
            return;
        }

        IsStopping = true;
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit, then kills it (SIGKILL) if it has not exited within <paramref name="timeout"/>.</summary>
    /// <returns>Whether it exited by itself.</returns>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        lock (_output)
        {
            _output.Dispose();
        }
    }
}
