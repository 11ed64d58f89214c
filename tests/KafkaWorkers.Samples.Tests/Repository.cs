namespace KafkaWorkers.Samples.Tests;

/// <summary>The repository these tests were built from (the folder holding Sdk.sln), read only.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
