namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>Finds the repository's root folder (the one holding Sdk.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
