using System.Diagnostics;
using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests;

/// <summary>
/// Builds a small app that references the repository's KafkaWorkers project, the generator as an analyzer and the
/// package's targets, exactly as docs/keda.md describes, and finds the YAML on disk. Slow: the only test that runs
/// <c>dotnet build</c>.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private const string AssemblyName = "E2e.Sample";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kafkaworkers-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Dotnet_build_writes_the_manifests_and_a_rebuild_removes_stale_ones()
    {
        var ordersSource = Samples.SeedDemo;
        var jobsSource = Samples.ScaledJob("Eager");
        Directory.CreateDirectory(_directory);
        var repository = RepositoryRoot.Path;
        System.IO.File.WriteAllText(Path.Combine(_directory, "E2e.Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>{AssemblyName}</AssemblyName>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ContainerRepository>registry.example.com/invoices</ContainerRepository>
                <ContainerImageTag>1.4.2</ContainerImageTag>
                <KafkaWorkersKedaTargetName>demo-app</KafkaWorkersKedaTargetName>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{repository}/src/KafkaWorkers/KafkaWorkers.csproj" />
                <ProjectReference Include="{repository}/src/KafkaWorkers.Generators/KafkaWorkers.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{repository}/src/KafkaWorkers/build/KafkaWorkers.targets" />
            </Project>
            """);
        System.IO.File.WriteAllText(Path.Combine(_directory, "Orders.cs"), ordersSource);
        System.IO.File.WriteAllText(Path.Combine(_directory, "Jobs.cs"), jobsSource);
        var expected = Expected(ordersSource, jobsSource);
        var keda = Path.Combine(_directory, "bin", Configuration, "net10.0", "keda");

        Build();

        Assert.Equal(["invoices.yaml", "orders.yaml"], Directory.GetFiles(keda).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var orders = System.IO.File.ReadAllBytes(Path.Combine(keda, "orders.yaml"));
        Assert.Equal(expected["Orders"], System.IO.File.ReadAllText(Path.Combine(keda, "orders.yaml")));
        Assert.Equal(expected["Invoices"], System.IO.File.ReadAllText(Path.Combine(keda, "invoices.yaml")));
        Assert.Equal(GoldenBytes("seed-demo-scaledobject.yaml"), orders);

        System.IO.File.Delete(Path.Combine(_directory, "Jobs.cs"));
        Build();

        Assert.Equal(["orders.yaml"], Directory.GetFiles(keda).Select(Path.GetFileName));
        Assert.Equal(orders, System.IO.File.ReadAllBytes(Path.Combine(keda, "orders.yaml")));
    }

    private static byte[] GoldenBytes(string name) => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    private static IReadOnlyDictionary<string, string> Expected(params string[] sources)
    {
        var compilation = GeneratorHarness.Compile(sources[0], AssemblyName)
            .AddSyntaxTrees(sources.Skip(1).Select(s => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions)));
        var properties = new Dictionary<string, string>(Samples.ContainerProperties) { ["KafkaWorkersKedaTargetName"] = "demo-app" };
        GeneratorHarness.CreateDriver(properties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return new GeneratorRun(string.Empty, output, diagnostics).Constants;
    }

    private void Build()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "build", "-c", Configuration, "-nologo", "-nodeReuse:false", "-maxcpucount:1",
            "-p:BuildProjectReferences=false", "-p:UseSharedCompilation=false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build timed out");
        Assert.True(process.ExitCode == 0, $"dotnet build failed:\n{output.Result}\n{error.Result}");
    }
}
