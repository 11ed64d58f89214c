using System.Runtime.CompilerServices;
using System.Text;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>
/// Byte-for-byte comparison with the committed files under Golden/. Set KAFKAWORKERS_UPDATE_GOLDEN=1 to rewrite them
/// from the current output (then review the diff).
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var actualBytes = new UTF8Encoding(false).GetBytes(actual);
        if (Environment.GetEnvironmentVariable("KAFKAWORKERS_UPDATE_GOLDEN") == "1")
        {
            var sourceFolder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden");
            Directory.CreateDirectory(sourceFolder);
            System.IO.File.WriteAllBytes(Path.Combine(sourceFolder, name), actualBytes);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(System.IO.File.Exists(path), $"Golden file {name} is missing; run with KAFKAWORKERS_UPDATE_GOLDEN=1.");
        var expected = System.IO.File.ReadAllBytes(path);
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, actualBytes);
    }
}
