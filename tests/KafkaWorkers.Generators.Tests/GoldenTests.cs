using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests;

public sealed class GoldenTests
{
    [Fact]
    public void Seed_demo_scaled_object_matches_golden_file()
    {
        var manifests = GeneratorHarness.Manifests(Samples.SeedDemo);

        Golden.Verify("seed-demo-scaledobject.yaml", manifests["Orders"]);
        Assert.Equal(manifests["Orders"], manifests["All"]);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Scaled_job_matches_golden_file_for_each_scaling_strategy(string strategy)
    {
        var manifests = GeneratorHarness.Manifests(Samples.ScaledJob(strategy), Samples.ContainerProperties);

        Golden.Verify($"scaledjob-{strategy.ToLowerInvariant()}.yaml", manifests["Invoices"]);
    }

    [Fact]
    public void Share_worker_scaled_object_with_a_prometheus_trigger_matches_golden_file()
    {
        var manifests = GeneratorHarness.Manifests(Samples.ShareBusyRatio);

        Golden.Verify("share-scaledobject.yaml", manifests["Thumbnails"]);
    }

    [Fact]
    public void Sasl_tls_trigger_authentication_matches_golden_file()
    {
        var manifests = GeneratorHarness.Manifests(Samples.SaslTls, new Dictionary<string, string> { ["KafkaWorkersKedaNamespace"] = "payments" });

        Golden.Verify("sasl-tls-triggerauthentication.yaml", manifests["Payments"]);
        Assert.DoesNotContain("password:", manifests["Payments"], StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_and_scaled_object_match_golden_file()
    {
        var manifests = GeneratorHarness.Manifests(
            Samples.Deployment,
            new Dictionary<string, string> { ["ContainerRepository"] = "registry.example.com/acme-orders", ["ContainerImageTag"] = "1.0.0" },
            assemblyName: "Acme.Orders");

        Golden.Verify("deployment-scaledobject.yaml", manifests["Orders"]);
    }

    [Fact]
    public void Secure_deployment_matches_golden_file_and_holds_no_secret_value()
    {
        var manifests = GeneratorHarness.Manifests(Samples.SecureDeployment);

        Golden.Verify("deployment-sasl-tls.yaml", manifests["Payments"]);
        Assert.DoesNotContain("value: \"scram", manifests["Payments"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_deployment_is_what_the_scaled_object_scales()
    {
        var documents = MiniYaml.ParseStream(GeneratorHarness.Manifests(Samples.Deployment, assemblyName: "Acme.Orders")["Orders"]);

        var deployment = Assert.Single(documents, d => d["kind"] is YamlScalar { Value: "Deployment" });
        var scaledObject = Assert.Single(documents, d => d["kind"] is YamlScalar { Value: "ScaledObject" });
        var target = (YamlMap)((YamlMap)scaledObject["spec"]!)["scaleTargetRef"]!;
        Assert.Equal(((YamlMap)deployment["metadata"]!)["name"], target["name"]);
        Assert.Equal(new YamlScalar("acme-orders", Quoted: false), target["name"]);
    }

    [Theory]
    [InlineData(null, 25 + 15)]
    [InlineData(45, 45 + 15)]
    public void Grace_period_is_the_shutdown_timeout_plus_the_margin(int? shutdownTimeoutSeconds, int expected)
    {
        var timeout = shutdownTimeoutSeconds is null ? string.Empty : $", ShutdownTimeoutSeconds = {shutdownTimeoutSeconds}";
        var yaml = GeneratorHarness.Manifests(GeneratorHarness.File(GeneratorHarness.Handler(
            $"[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"g\"{timeout})]\n[KedaScaledObject(CooldownPeriod = 300)]\n[KubernetesDeployment(EnvironmentConfigMap = \"kafka-env\")]")))["Orders"];

        Assert.Contains($"      terminationGracePeriodSeconds: {expected}\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"- name: DOTNET_shutdownTimeoutSeconds\n          value: \"{expected - 5}\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- name: POD_NAME\n          valueFrom:\n            fieldRef:\n              fieldPath: metadata.name\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("Probe", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_references_KafkaWorkers_AspNetCore_gets_probes_on_8080()
    {
        var source = GeneratorHarness.File(GeneratorHarness.Handler(
            "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledObject]\n[KubernetesDeployment(EnvironmentConfigMap = \"kafka-env\")]"));
        var aspNetCore = CSharpCompilation.Create("KafkaWorkers.AspNetCore").ToMetadataReference();
        var compilation = GeneratorHarness.Compile(source).AddReferences(aspNetCore);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        var yaml = new GeneratorRun(source, output, diagnostics).Constants["Orders"];
        Assert.Contains("- name: ASPNETCORE_URLS\n          value: \"http://+:8080\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("        livenessProbe:\n          httpGet:\n            path: \"/healthz/live\"\n            port: health\n", yaml, StringComparison.Ordinal);
        Assert.Contains("        readinessProbe:\n          httpGet:\n            path: \"/healthz/ready\"\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_byte_identical_across_runs_and_ordered_by_worker_name()
    {
        var source = GeneratorHarness.File(
            GeneratorHarness.ScaledObjectHandler("zeta", "z", "ZetaHandler"),
            GeneratorHarness.ScaledObjectHandler("alpha", "a", "AlphaHandler"));

        var first = GeneratorHarness.Manifests(source);
        var second = GeneratorHarness.Manifests(source);

        Assert.Equal(first, second);
        Assert.Equal(first["Alpha"] + "---\n" + first["Zeta"], first["All"]);
    }

    [Fact]
    public void Unset_properties_are_omitted_and_bootstrap_servers_come_from_the_app_environment()
    {
        var yaml = GeneratorHarness.Manifests(GeneratorHarness.File(
            GeneratorHarness.Handler("[KafkaWorker(\"orders\", Topics = [\"a\", \"b\"])]\n[KedaScaledObject]")))["Orders"];

        Assert.Contains("bootstrapServersFromEnv: \"Kafka__BootstrapServers\"", yaml, StringComparison.Ordinal);
        Assert.Contains("consumerGroupFromEnv: \"Kafka__Workers__orders__GroupId\"", yaml, StringComparison.Ordinal);
        Assert.Contains("    name: demo-app\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("topic:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("ReplicaCount", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("lagThreshold", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_without_manifests_gets_no_type()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File("public sealed class Plain { }\n"));

        Assert.Empty(run.Diagnostics);
        Assert.Null(run.Output.GetTypeByMetadataName("KafkaWorkers.Generated.KedaManifests"));
        var generated = Assert.Single(run.Output.SyntaxTrees, t => t.FilePath.EndsWith("KafkaWorkers.KedaManifests.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain("kafkaworkers-keda-file", generated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_name_with_yaml_syntax_in_it_stays_data()
    {
        var source = GeneratorHarness.File(GeneratorHarness.Handler(
            "[KafkaWorker(\"eu: orders\\n# x\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledJob(Name = \"eu-orders\", EnvironmentConfigMap = \"kafka-env\")]"));

        var yaml = GeneratorHarness.Manifests(source)["EuOrdersX"];

        var document = Assert.Single(MiniYaml.ParseStream(yaml));
        var container = (YamlMap)((YamlList)((YamlMap)((YamlMap)((YamlMap)((YamlMap)document["spec"]!)["jobTargetRef"]!)["template"]!)["spec"]!)["containers"]!).Items[0];
        var variable = (YamlMap)((YamlList)container["env"]!).Items.Last();
        Assert.Equal(new YamlScalar("Kafka__Workers__eu: orders\n# x__Completion__UntilDrained", Quoted: true), variable["name"]);
        Assert.Equal(new YamlScalar("worker", Quoted: false), container["name"]);
    }

    public static TheoryData<string> Strategies => Samples.ScalingStrategies;
}
