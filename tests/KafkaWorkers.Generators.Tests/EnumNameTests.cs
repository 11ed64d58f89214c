using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests;

/// <summary>Enum values reach the YAML by their member's name, never by their position or number.</summary>
public sealed class EnumNameTests
{
    private const string Handler = """
        namespace Demo;

        [KafkaWorkers.KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
        [KafkaWorkers.KedaScaledObject(
            OffsetResetPolicy = KafkaWorkers.KedaOffsetResetPolicy.Earliest,
            TargetKind = KafkaWorkers.KedaScaleTargetKind.StatefulSet,
            ScaleUpSelectPolicy = KafkaWorkers.HpaSelectPolicy.Min,
            ScaleDownSelectPolicy = KafkaWorkers.HpaSelectPolicy.Max)]
        [KafkaWorkers.KedaTriggerAuthentication("kafka", Sasl = KafkaWorkers.KedaSaslMechanism.ScramSha512)]
        public sealed class OrderHandler { }

        """;

    /// <summary>The attributes and enums as the package declares them, but every enum reordered and renumbered.</summary>
    private const string ReorderedLibrary = """
        namespace KafkaWorkers;

        public enum KedaOffsetResetPolicy { Earliest = 7, Latest = 3 }
        public enum KedaScaleTargetKind { StatefulSet, Deployment }
        public enum HpaSelectPolicy { Disabled, Min, Max }
        public enum KedaSaslMechanism { OAuthBearer, ScramSha512, ScramSha256, Plaintext, None }

        [System.AttributeUsage(System.AttributeTargets.Class)]
        public sealed class KafkaWorkerAttribute(string name) : System.Attribute
        {
            public string Name { get; } = name;
            public string[]? Topics { get; set; }
            public string? GroupId { get; set; }
        }

        [System.AttributeUsage(System.AttributeTargets.Class)]
        public sealed class KedaScaledObjectAttribute : System.Attribute
        {
            public KedaOffsetResetPolicy OffsetResetPolicy { get; set; }
            public KedaScaleTargetKind TargetKind { get; set; }
            public HpaSelectPolicy ScaleUpSelectPolicy { get; set; }
            public HpaSelectPolicy ScaleDownSelectPolicy { get; set; }
        }

        [System.AttributeUsage(System.AttributeTargets.Class)]
        public sealed class KedaTriggerAuthenticationAttribute(string secretName) : System.Attribute
        {
            public string SecretName { get; } = secretName;
            public KedaSaslMechanism Sasl { get; set; }
        }

        """;

    [Fact]
    public void Reordering_the_enums_does_not_change_the_yaml()
    {
        var withPackage = GeneratorHarness.Manifests(Handler)["Orders"];

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            GeneratorHarness.DefaultAssemblyName,
            [
                CSharpSyntaxTree.ParseText(Handler, GeneratorHarness.ParseOptions, path: "Handlers.cs"),
                CSharpSyntaxTree.ParseText(ReorderedLibrary, GeneratorHarness.ParseOptions, path: "Library.cs"),
            ],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var reordered = new GeneratorRun(Handler, output, diagnostics);

        Assert.Empty(reordered.Diagnostics);
        Assert.Equal(withPackage, reordered.Constants["Orders"]);
        Assert.Contains("offsetResetPolicy: \"earliest\"", withPackage, StringComparison.Ordinal);
        Assert.Contains("kind: StatefulSet", withPackage, StringComparison.Ordinal);
        Assert.Contains("selectPolicy: Min", withPackage, StringComparison.Ordinal);
        Assert.Contains("sasl: \"scram_sha512\"", withPackage, StringComparison.Ordinal);
    }
}
