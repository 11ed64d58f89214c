using System.Collections;
using System.Reflection;
using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests;

public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps =
        [TrackingNames.ScaledObjects, TrackingNames.ScaledJobs, TrackingNames.TriggerAuthentications, TrackingNames.Project, TrackingNames.Rendered];

    public static TheoryData<string> UnrelatedEdits => new() { "add a file", "edit another file" };

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged(string edit)
    {
        var source = GeneratorHarness.File(
            GeneratorHarness.Handler(
                "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledObject(MaxReplicaCount = 5, Partitions = 5)]"),
            GeneratorHarness.Handler("[KafkaWorker(\"jobs\", Topics = [\"jobs\"], GroupId = \"j\")]\n[KedaScaledJob]\n[KedaTriggerAuthentication(\"s\")]", "JobHandler"));
        var other = CSharpSyntaxTree.ParseText("namespace Demo; public static class Other { public static int Value => 1; }", GeneratorHarness.ParseOptions, path: "Other.cs");
        var compilation = GeneratorHarness.Compile(source).AddSyntaxTrees(other);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = edit == "add a file"
            ? compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public sealed class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"))
            : compilation.ReplaceSyntaxTree(other, other.WithChangedText(other.GetText().Replace(other.GetText().Length - 3, 1, "2")));
        driver = driver.RunGenerators(edited);

        var result = Assert.Single(driver.GetRunResult().Results);
        foreach (var name in TrackedSteps)
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
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Samples.ScaledJob("Custom"), GeneratorHarness.ParseOptions, path: "Jobs.cs"));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        foreach (var name in TrackedSteps)
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
