using System.Globalization;
using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

/// <summary>
/// Random cases against line-by-line transliterations of KEDA's Go (kedacore/keda main after v2.20):
/// <c>pkg/util/parse_string.go</c> with the trimming of kedacore/keda#7528, and the ScaledJob path through
/// <c>scaledjob_types.go</c>, <c>pkg/scaling/scaledjob/metrics.go</c> and <c>pkg/scaling/executor/scale_jobs.go</c>.
/// The references are written the way the Go reads (int64 arithmetic, float64 conversions, the same order of
/// steps), separately from the models, so a composition error in a model shows as a difference. Seeds are fixed.
/// </summary>
public sealed class KedaReferenceTests
{
    [Fact]
    public void Partition_limitation_matches_ParseInt32List_on_random_patterns()
    {
        var random = new Random(7528);
        const string alphabet = "0123456789,,--  +\t\u00A0\u2003x";
        for (var i = 0; i < 20_000; i++)
        {
            var pattern = new string([.. Enumerable.Range(0, random.Next(1, 10)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var expected = GoParseInt32List(pattern);

            var accepted = PartitionLimitation.TryParse(pattern, out var limitation, out _);

            Assert.True(accepted == expected is not null, $"'{pattern}': KEDA {(expected is null ? "refuses" : "accepts")} it");
            for (var partition = -2; expected is not null && partition < 40; partition++)
            {
                Assert.True(expected.Contains(partition) == limitation!.Contains(partition), $"'{pattern}', partition {partition}");
            }
        }
    }

    [Fact]
    public void Scaled_job_matches_KEDAs_executor_on_random_cases()
    {
        var random = new Random(7871);
        var strategies = Enum.GetValues<KedaScalingStrategy>();
        for (var i = 0; i < 50_000; i++)
        {
            var metric = random.Next(0, 4) == 0 ? 0 : random.Next(0, 400);
            var threshold = random.Next(1, 40);
            var active = random.Next(0, 5) != 0;
            var running = random.Next(0, 30);
            var pending = random.Next(0, running + 1);
            var settings = new KedaScaledJobSettings
            {
                MinReplicaCount = random.Next(0, 3) == 0 ? 0 : random.Next(0, 20),
                MaxReplicaCount = random.Next(0, 4) == 0 ? null : random.Next(0, 40),
                Strategy = strategies[random.Next(strategies.Length)],
                CustomScalingQueueLengthDeduction = random.Next(0, 3) == 0 ? null : random.Next(-5, 6),
                CustomScalingRunningJobPercentage = random.Next(0, 3) == 0 ? null : random.Next(0, 11) / 10.0,
            };

            var expected = GoJobsToCreate(metric, threshold, active, running, pending, settings);

            var decision = KedaScaledJobModel.GetJobsToCreate(metric, threshold, active, running, pending, settings);

            Assert.True(expected == decision.JobsToCreate, string.Create(CultureInfo.InvariantCulture,
                $"metric {metric}, threshold {threshold}, active {active}, running {running}, pending {pending}, min {settings.MinReplicaCount}, " +
                $"max {settings.MaxReplicaCount}, {settings.Strategy}, deduction {settings.CustomScalingQueueLengthDeduction}, " +
                $"percentage {settings.CustomScalingRunningJobPercentage}: KEDA {expected}, model {decision.JobsToCreate}"));
        }
    }

    /// <summary>ParseInt32List: split on ",", each term TrimSpace'd and split on "-", each literal TrimSpace'd; ranges expanded.</summary>
    private static HashSet<int>? GoParseInt32List(string pattern)
    {
        var parsed = new HashSet<int>();
        foreach (var term in pattern.Split(','))
        {
            var literals = term.Trim().Split('-');
            switch (literals.Length)
            {
                case 1:
                    if (GoParseInt(literals[0].Trim()) is not { } single)
                    {
                        return null;
                    }

                    parsed.Add(single);
                    break;
                case 2:
                    if (GoParseInt(literals[0].Trim()) is not { } from || GoParseInt(literals[1].Trim()) is not { } to)
                    {
                        return null;
                    }

                    for (var p = from; p <= to; p++)
                    {
                        parsed.Add(p);
                    }

                    break;
                default:
                    return null;
            }
        }

        return parsed;
    }

    /// <summary>strconv.ParseInt(s, 10, 32): an optional sign, then one or more ASCII digits, in the int32 range.</summary>
    private static int? GoParseInt(string s)
    {
        var body = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[1..] : s;
        if (body.Length == 0 || !body.All(c => c is >= '0' and <= '9'))
        {
            return null;
        }

        var value = body.Aggregate(0L, (n, c) => Math.Min((n * 10) + (c - '0'), 1L << 40));
        value = s[0] == '-' ? -value : value;
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : null;
    }

    /// <summary>isScaledJobActive (max calculation, one scaler) → RequestJobScale → getScalingDecision → createJobs.</summary>
    private static long GoJobsToCreate(long metric, long threshold, bool scalerActive, long running, long pending, KedaScaledJobSettings s)
    {
        // ScaledJob.MinReplicaCount() and MaxReplicaCount(); an unset min is 0, which is never above a max.
        long minReplicaCount = s.MaxReplicaCount is { } m1 && s.MinReplicaCount > m1 ? m1 : s.MinReplicaCount;
        long maxReplicaCount = s.MaxReplicaCount is { } m2
            ? (s.MinReplicaCount > m2 ? m2 : m2 - minReplicaCount)
            : 100;

        // IsScaledJobActive with the default "max": the scaler's QueueLength is the metric, MaxValue metric / target.
        double queueLength = 0, maxValue = 0;
        var isActive = false;
        if (metric > queueLength && scalerActive)
        {
            queueLength = metric;
            maxValue = metric / (double)threshold;
            isActive = true;
        }

        if (minReplicaCount > 0)
        {
            isActive = true;
        }

        maxValue = Math.Min(maxValue, maxReplicaCount);
        var scaleTo = (long)Math.Ceiling(queueLength);
        var maxScale = (long)Math.Ceiling(maxValue);

        // getScalingDecision
        long effectiveMaxScale;
        if (running < minReplicaCount)
        {
            scaleTo = effectiveMaxScale = minReplicaCount - running;
        }
        else
        {
            var r = running - minReplicaCount;
            switch (s.Strategy)
            {
                case KedaScalingStrategy.Custom when s.CustomScalingRunningJobPercentage is { } percentage:
                    long deduction = s.CustomScalingQueueLengthDeduction ?? 0;
                    effectiveMaxScale = Math.Min(maxScale - deduction - (long)(r * percentage), maxReplicaCount);
                    break;
                case KedaScalingStrategy.Accurate:
                    effectiveMaxScale = maxScale + r - pending > maxReplicaCount ? maxReplicaCount - r : maxScale - pending;
                    break;
                case KedaScalingStrategy.Eager:
                    effectiveMaxScale = Math.Min(maxReplicaCount - r - pending, maxScale);
                    scaleTo = maxReplicaCount;
                    break;
                default:
                    effectiveMaxScale = maxScale - r;
                    break;
            }
        }

        if (effectiveMaxScale < 0)
        {
            effectiveMaxScale = 0;
        }

        // createJobs
        if (!isActive || effectiveMaxScale <= 0)
        {
            return 0;
        }

        return scaleTo > effectiveMaxScale ? effectiveMaxScale : scaleTo;
    }
}
