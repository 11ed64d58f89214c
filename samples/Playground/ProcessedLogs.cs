namespace Playground;

/// <summary>Reads the workers' processed-log files (one order id per line), as they grow.</summary>
public sealed class ProcessedLogs(string directory)
{
    /// <summary>The file name pattern of the processed logs.</summary>
    public const string Pattern = "processed-*.log";

    /// <summary>The processed-log path of replica <paramref name="number"/>.</summary>
    public string PathOf(int number) => Path.Combine(directory, $"processed-{number}.log");

    /// <summary>Every id recorded so far, by every replica, in file order (an id handled twice appears twice).</summary>
    public IReadOnlyList<string> ReadAll()
    {
        var ids = new List<string>();
        foreach (var file in Directory.GetFiles(directory, Pattern).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();

            // A line is complete once its newline is written; a partial last line is counted on the next read.
            var end = text.LastIndexOf('\n');
            if (end > 0)
            {
                ids.AddRange(text[..end].Split('\n'));
            }
        }

        return ids;
    }
}
