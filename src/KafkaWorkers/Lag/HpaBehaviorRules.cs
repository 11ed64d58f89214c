namespace KafkaWorkers.Lag;

/// <summary>
/// A behavior's rules with Kubernetes' defaults filled in, as the API server (<c>SetDefaults_HorizontalPodAutoscaler</c>
/// in <c>pkg/apis/autoscaling/v2/defaults.go</c>) and the controller (<c>maybeInitScaleDownStabilizationWindow</c>)
/// complete them; and the checks of <c>ValidateHorizontalPodAutoscalerSpec</c>.
/// </summary>
internal sealed record HpaBehaviorRules(HpaResolvedRules ScaleUp, HpaResolvedRules ScaleDown)
{
    private const int MaxStabilizationWindowSeconds = 3600;
    private const int MaxPeriodSeconds = 1800;

    private static readonly HpaResolvedPolicy[] DefaultScaleUpPolicies =
    [
        new(HpaScalingPolicyType.Pods, 4, 15),
        new(HpaScalingPolicyType.Percent, 100, 15),
    ];

    private static readonly HpaResolvedPolicy[] DefaultScaleDownPolicies = [new(HpaScalingPolicyType.Percent, 100, 15)];

    /// <summary>The rules of <paramref name="settings"/>' behavior, or <see langword="null"/> without one.</summary>
    public static HpaBehaviorRules? From(KedaScaledObjectSettings settings) =>
        settings.Behavior is not { } behavior
            ? null
            : new HpaBehaviorRules(
                Resolve(behavior.ScaleUp, 0, DefaultScaleUpPolicies),
                Resolve(behavior.ScaleDown, settings.DownscaleStabilizationWindowSeconds, DefaultScaleDownPolicies));

    /// <summary>Throws, naming the setting, for what Kubernetes refuses in a behavior or the controller refuses as a window.</summary>
    public static void Validate(KedaScaledObjectSettings settings)
    {
        CheckWindow(settings.DownscaleStabilizationWindowSeconds, nameof(settings.DownscaleStabilizationWindowSeconds));
        if (settings.Behavior is not { } behavior)
        {
            return;
        }

        Check(behavior.ScaleUp, "Behavior:ScaleUp");
        Check(behavior.ScaleDown, "Behavior:ScaleDown");

        static void Check(HpaScalingRules? rules, string path)
        {
            if (rules is null)
            {
                return;
            }

            if (rules.StabilizationWindowSeconds is { } window)
            {
                CheckWindow(window, path + ":StabilizationWindowSeconds");
            }

            if (rules.SelectPolicy is { } select && !Enum.IsDefined(select))
            {
                throw Refused(path + ":SelectPolicy", select, "must be Max, Min or Disabled");
            }

            if (rules.Policies is not { } policies)
            {
                return;
            }

            if (policies.Count == 0)
            {
                throw Refused(path + ":Policies", 0, "must hold at least one policy when set");
            }

            for (var i = 0; i < policies.Count; i++)
            {
                var policy = policies[i] ?? throw Refused($"{path}:Policies:{i}", null, "must not be null");
                if (!Enum.IsDefined(policy.Type))
                {
                    throw Refused($"{path}:Policies:{i}:Type", policy.Type, "must be Pods or Percent");
                }

                if (policy.Value <= 0)
                {
                    throw Refused($"{path}:Policies:{i}:Value", policy.Value, "must be greater than zero");
                }

                if (policy.PeriodSeconds is <= 0 or > MaxPeriodSeconds)
                {
                    throw Refused($"{path}:Policies:{i}:PeriodSeconds", policy.PeriodSeconds, $"must be between 1 and {MaxPeriodSeconds}");
                }
            }
        }

        static void CheckWindow(int seconds, string path)
        {
            if (seconds is < 0 or > MaxStabilizationWindowSeconds)
            {
                throw Refused(path, seconds, $"must be between 0 and {MaxStabilizationWindowSeconds}");
            }
        }

        static ArgumentOutOfRangeException Refused(string path, object? value, string rule) =>
            new(nameof(settings), value, $"{path} {rule}.");
    }

    private static HpaResolvedRules Resolve(HpaScalingRules? rules, int defaultWindow, HpaResolvedPolicy[] defaultPolicies) =>
        new(
            rules?.StabilizationWindowSeconds ?? defaultWindow,
            rules?.SelectPolicy ?? HpaSelectPolicy.Max,
            rules?.Policies is { } policies ? [.. policies.Select(p => new HpaResolvedPolicy(p.Type, p.Value, p.PeriodSeconds))] : defaultPolicies);
}
