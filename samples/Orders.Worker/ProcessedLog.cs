namespace Orders.Worker;

/// <summary>
/// Appends each handled order's id to <see cref="OrdersOptions.ProcessedLog"/>, one line per order, flushed before
/// the handler returns (so before its offset can be committed). The playground reads these files to count lost and
/// duplicated orders.
/// </summary>
public sealed class ProcessedLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly StreamWriter? _writer;

    /// <summary>Opens the file for appending, if one is configured.</summary>
    public ProcessedLog(IOptions<OrdersOptions> options)
    {
        var path = options.Value.ProcessedLog;
        if (!string.IsNullOrEmpty(path))
        {
            _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        }
    }

    /// <summary>Appends one id and flushes it to the operating system.</summary>
    public void Record(string id)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_lock)
        {
            _writer.Write(id);
            _writer.Write('\n');
            _writer.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _writer?.Dispose();
}
