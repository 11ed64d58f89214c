using System;
using System.Collections.Generic;

namespace KafkaWorkers.Generators;

/// <summary>
/// The YAML word of each public enum member the attributes take, keyed by the member's name: reordering or renumbering
/// an enum cannot change the generated YAML, and a member without a word here is reported rather than guessed.
/// </summary>
internal static class YamlWords
{
    public static readonly IReadOnlyDictionary<string, string> ScaleTargetKind = Words(
        ("Deployment", "Deployment"), ("StatefulSet", "StatefulSet"));

    public static readonly IReadOnlyDictionary<string, string> OffsetResetPolicy = Words(
        ("Latest", "latest"), ("Earliest", "earliest"));

    public static readonly IReadOnlyDictionary<string, string> ScalingStrategy = Words(
        ("Default", "default"), ("Custom", "custom"), ("Accurate", "accurate"), ("Eager", "eager"));

    public static readonly IReadOnlyDictionary<string, string> SaslMechanism = Words(
        ("None", "none"), ("Plaintext", "plaintext"), ("ScramSha256", "scram_sha256"), ("ScramSha512", "scram_sha512"), ("OAuthBearer", "oauthbearer"));

    public static readonly IReadOnlyDictionary<string, string> SelectPolicy = Words(
        ("Max", "Max"), ("Min", "Min"), ("Disabled", "Disabled"));

    private static Dictionary<string, string> Words(params (string Member, string Yaml)[] words)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (member, yaml) in words)
        {
            map.Add(member, yaml);
        }

        return map;
    }
}
