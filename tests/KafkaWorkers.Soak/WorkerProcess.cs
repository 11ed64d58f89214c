using System.Diagnostics;

namespace KafkaWorkers.Soak;

/// <summary>A soak worker running as its own operating-system process, with its output in a log file.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private WorkerProcess(Process process, StreamWriter log, string name, string idFile)
    {
        _process = process;
        _log = log;
        Name = name;
        IdFile = idFile;
    }

    public string Name { get; }

    public string IdFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts this application in worker mode; <paramref name="shortGroupTimeouts"/> on the in-process cluster only.</summary>
    public static WorkerProcess Start(string name, string directory, string bootstrapServers, string group, string topic, KafkaGroupProtocol protocol, bool shortGroupTimeouts)
    {
        var idFile = IdFileOf(name, directory);
        return Launch(name, directory, idFile, [WorkerMode.Argument, bootstrapServers, group, topic, idFile, protocol.ToString(), shortGroupTimeouts ? WorkerMode.ShortTimeouts : WorkerMode.DefaultTimeouts]);
    }

    /// <summary>Starts this application as a share worker (<see cref="ShareWorkerMode"/>) with <paramref name="members"/> share consumers.</summary>
    public static WorkerProcess StartShare(string name, string directory, string bootstrapServers, string group, string topic, TimeSpan handlerTime, int members)
    {
        var idFile = IdFileOf(name, directory);
        var milliseconds = ((long)handlerTime.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Launch(name, directory, idFile, [ShareWorkerMode.Argument, bootstrapServers, group, topic, idFile, milliseconds, members.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static string IdFileOf(string name, string directory) => Path.GetFullPath(Path.Combine(directory, $"{name}.ids"));

    private static WorkerProcess Launch(string name, string directory, string idFile, IEnumerable<string> arguments)
    {
        var log = new StreamWriter(Path.Combine(directory, $"{name}.log")) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in WorkerCommand())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, log, name, idFile);
    }

    /// <summary>Asks the process to stop gracefully (SIGTERM, as Kubernetes does on scale-in).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Kills the process at once (SIGKILL).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    /// <summary>
    /// The command that runs this assembly: its own runtime configuration when it sits next to it, otherwise that of the
    /// application that loaded it (a test project referencing the soak project).
    /// </summary>
    private static IEnumerable<string> WorkerCommand()
    {
        var assembly = typeof(WorkerProcess).Assembly.Location;
        var own = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        if (File.Exists(own))
        {
            return [assembly];
        }

        var host = Path.Combine(AppContext.BaseDirectory, $"{AppDomain.CurrentDomain.FriendlyName}");
        return ["exec", "--runtimeconfig", host + ".runtimeconfig.json", "--depsfile", host + ".deps.json", assembly];
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
