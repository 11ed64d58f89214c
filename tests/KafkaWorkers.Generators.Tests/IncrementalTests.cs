using System.Collections;
using System.Reflection;
using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests;

public sealed class IncrementalTests
{
    /// <summary>The steps the manifests are rendered from: symbol-free.</summary>
    private static readonly string[] ModelSteps =
        [TrackingNames.ScaledObjects, TrackingNames.ScaledJobs, TrackingNames.Project, TrackingNames.Rendered];

    /// <summary>
    /// The steps that carry diagnostics: they hold source locations (and so syntax trees) on purpose, for
    /// <c>#pragma</c> and <c>.editorconfig</c> (see <see cref="SuppressionTests"/>); they must still be cached.
    /// </summary>
    private static readonly string[] DiagnosticSteps =
        [TrackingNames.ScaledObjectsParsed, TrackingNames.ScaledJobsParsed, TrackingNames.TriggerAuthentications, TrackingNames.Deployments, TrackingNames.Diagnostics];

    public static TheoryData<string> UnrelatedEdits => new() { "add a file", "edit another file" };

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged(string edit)
    {
        var source = GeneratorHarness.File(
            GeneratorHarness.Handler(
                "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledObject(MaxReplicaCount = 6, Partitions = 5)]\n[KubernetesDeployment(EnvironmentConfigMap = \"e\")]"),
            GeneratorHarness.Handler("[KafkaWorker(\"jobs\", Topics = [\"jobs\"], GroupId = \"j\")]\n[KedaScaledJob(EnvironmentConfigMap = \"e\")]\n[KedaTriggerAuthentication(\"s\")]", "JobHandler"));
        var other = CSharpSyntaxTree.ParseText("namespace Demo; public static class Other { public static int Value => 1; }", GeneratorHarness.ParseOptions, path: "Other.cs");
        var compilation = GeneratorHarness.Compile(source).AddSyntaxTrees(other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = edit == "add a file"
            ? compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public sealed class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"))
            : compilation.ReplaceSyntaxTree(other, other.WithChangedText(other.GetText().Replace(other.GetText().Length - 3, 1, "2")));
        driver = driver.RunGenerators(edited);

        var result = Assert.Single(driver.GetRunResult().Results);
        foreach (var name in ModelSteps.Concat(DiagnosticSteps))
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), $"step {name} was not tracked");
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} was {output.Reason}");
            }
        }

        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Equal("KW1010", Assert.Single(driver.GetRunResult().Diagnostics).Id);
    }

    [Fact]
    public void Moving_the_attributes_relocates_the_diagnostic_and_leaves_the_manifests_cached()
    {
        var source = GeneratorHarness.File(GeneratorHarness.Handler(
            "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledObject(MaxReplicaCount = 10, Partitions = 6)]"));
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var before = Assert.Single(driver.GetRunResult().Diagnostics);
        var tree = compilation.SyntaxTrees.Single();

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "// moved\n"))));

        var run = driver.GetRunResult();
        var after = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1010", after.Id);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 1, after.Location.GetLineSpan().StartLinePosition.Line);
        Assert.All(
            run.Results.Single().TrackedSteps[TrackingNames.Rendered].SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Rendered was {output.Reason}"));
    }

    [Fact]
    public void Relevant_edit_regenerates()
    {
        var before = GeneratorHarness.File(GeneratorHarness.Handler("[KafkaWorker(\"orders\", GroupId = \"g\")]\n[KedaScaledObject(MaxReplicaCount = 5)]"));
        var compilation = GeneratorHarness.Compile(before);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(
            tree,
            tree.WithChangedText(tree.GetText().Replace(before.IndexOf("= 5", StringComparison.Ordinal) + 2, 1, "6"))));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Rendered];
        Assert.Contains(steps.SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_locations()
    {
        var compilation = GeneratorHarness.Compile(Samples.SaslTls)
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Samples.ScaledJob("Custom"), GeneratorHarness.ParseOptions, path: "Jobs.cs"))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Samples.Deployment, GeneratorHarness.ParseOptions, path: "Orders.cs"));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        foreach (var name in ModelSteps)
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                AssertSymbolFree(output.Value, name);
            }
        }
    }

    private static void AssertSymbolFree(object? value, string path)
    {
        switch (value)
        {
            case null or string or int or bool or double:
                return;
            case ISymbol or SyntaxNode or Location or Compilation or SemanticModel:
                Assert.Fail($"{path} holds a {value.GetType().Name}");
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    AssertSymbolFree(item, path + "[]");
                }

                return;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true && !type.IsValueType && type != typeof(DiagnosticDescriptor))
        {
            Assert.Fail($"{path} holds a {type.Name}");
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(DiagnosticDescriptor) || type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertSymbolFree(property.GetValue(value), path + "." + property.Name);
        }
    }
}
