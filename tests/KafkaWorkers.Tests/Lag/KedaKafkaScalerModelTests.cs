using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

public sealed class KedaKafkaScalerModelTests
{
    private const string Topic = "orders";

    [Fact]
    public void Trigger_settings_default_to_KEDAs_defaults()
    {
        var settings = new KedaKafkaTriggerSettings();

        Assert.Null(settings.Topic);
        Assert.Equal(10, settings.LagThreshold);
        Assert.Equal(0, settings.ActivationLagThreshold);
        Assert.Equal(KedaOffsetResetPolicy.Latest, settings.OffsetResetPolicy);
        Assert.False(settings.AllowIdleConsumers);
        Assert.False(settings.ExcludePersistentLag);
        Assert.False(settings.ScaleToZeroOnInvalidOffset);
        Assert.False(settings.LimitToPartitionsWithLag);
        Assert.False(settings.EnsureEvenDistributionOfPartitions);
        Assert.Null(settings.PartitionLimitation);
    }

    // One partition, default settings unless the case says otherwise: lagThreshold 10, cap at 1 partition.
    [Theory]
    [InlineData(5, 12, KedaOffsetResetPolicy.Latest, false, 7)] // 12 - 5
    [InlineData(12, 12, KedaOffsetResetPolicy.Latest, false, 0)] // 12 - 12
    [InlineData(15, 12, KedaOffsetResetPolicy.Latest, false, -3)] // 12 - 15: not clamped
    [InlineData(-1, 12, KedaOffsetResetPolicy.Latest, false, 1)] // no commit + latest: 1
    [InlineData(-1, 12, KedaOffsetResetPolicy.Latest, true, 0)] // no commit + latest + scaleToZeroOnInvalidOffset: 0
    [InlineData(-1, 12, KedaOffsetResetPolicy.Earliest, false, 12)] // no commit + earliest: the end offset
    [InlineData(-1, 12, KedaOffsetResetPolicy.Earliest, true, 0)] // no commit + earliest + scaleToZeroOnInvalidOffset: 0
    [InlineData(-1, 0, KedaOffsetResetPolicy.Latest, false, 1)] // no commit + latest on an empty partition: still 1
    public void Partition_lag_follows_KEDAs_rules(
        long committed, long end, KedaOffsetResetPolicy policy, bool scaleToZeroOnInvalidOffset, long expectedLag)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings
        {
            OffsetResetPolicy = policy,
            ScaleToZeroOnInvalidOffset = scaleToZeroOnInvalidOffset,
        });
        var lags = new KedaKafkaPartitionLag[1];

        var result = model.Evaluate([new KafkaPartitionOffsets(Topic, 0, committed, end)], lags);

        Assert.True(lags[0].IsCounted);
        Assert.Equal(expectedLag, lags[0].Lag);
        Assert.Equal(expectedLag, lags[0].ActivityLag);
        Assert.Equal(expectedLag, result.TotalLag);
        Assert.Equal(expectedLag, result.ActivityLag);
        Assert.Equal(1, result.PartitionCount);
        Assert.Equal(expectedLag > 0 ? 1 : 0, result.PartitionsWithLag);
    }

    // The offsets are flattened pairs (committed, end) of partitions 0, 1, 2, ...; lagThreshold 10 unless stated.
    [Theory]
    // 30 + 0 + 0 = 30; 30 / 10 = 3, not > 3 partitions: 30.
    [InlineData(new long[] { 0, 30, 0, 0, 5, 5 }, 30, 1, 30, 30)]
    // 50 over 3 partitions: 50 / 10 = 5 > 3: capped to 3 * 10 = 30.
    [InlineData(new long[] { 0, 50, 0, 0, 0, 0 }, 50, 1, 30, 30)]
    // 40 over 3 partitions: 40 / 10 = 4 > 3: 30, which the corrected value agrees with.
    [InlineData(new long[] { 0, 20, 0, 20, 0, 0 }, 40, 2, 30, 30)]
    // keda#4483: 11 + 10 = 21 over 2 partitions; 21 / 10 = 2 is not > 2, so KEDA reports 21 (ceil(2.1) = 3 replicas
    // for 2 partitions); the corrected value is 2 * 10 = 20.
    [InlineData(new long[] { 0, 11, 0, 10 }, 21, 2, 21, 20)]
    // keda#4483 at the top of the window: 39 over 3 partitions; 39 / 10 = 3, not > 3: 39 (4 replicas); corrected 30.
    [InlineData(new long[] { 0, 13, 0, 13, 0, 13 }, 39, 3, 39, 30)]
    // A negative lag (committed past the end) is summed as is: 5 + (10 - 20) = -5, which reports as 0.
    [InlineData(new long[] { 0, 5, 20, 10 }, -5, 1, 0, 0)]
    // A partition missing from the end-offset answer (end -1) adds nothing and is not counted for the cap:
    // 25 over 1 counted partition: 25 / 10 = 2 > 1: 10.
    [InlineData(new long[] { 0, 25, 0, -1 }, 25, 1, 10, 10)]
    // The same for a partition without a commit: missing from the answer, it does not add latest's 1.
    [InlineData(new long[] { 0, 5, -1, -1 }, 5, 1, 5, 5)]
    public void Totals_and_the_partition_cap(long[] offsets, long totalLag, int partitionsWithLag, long metric, long corrected)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings());

        var result = model.Evaluate(Partitions(offsets));

        Assert.Equal(totalLag, result.TotalLag);
        Assert.Equal(partitionsWithLag, result.PartitionsWithLag);
        Assert.Equal(metric, result.MetricValue);
        Assert.Equal(corrected, result.CorrectedMetricValue);
        Assert.Equal(metric != corrected, result.IsCapSkippedByIntegerDivision);
    }

    [Fact]
    public void Allow_idle_consumers_alone_removes_the_cap()
    {
        // 50 over 3 partitions is not capped: 50 (5 replicas for 3 partitions).
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { AllowIdleConsumers = true });

        var result = model.Evaluate(Partitions([0, 50, 0, 0, 0, 0]));

        Assert.Null(result.ReplicaBound);
        Assert.Equal(50, result.MetricValue);
        Assert.Equal(50, result.CorrectedMetricValue);
    }

    [Theory]
    // Lags 25, 0, 0: 1 partition with lag; 25 / 10 = 2 > 1: 10.
    [InlineData(new long[] { 0, 25, 0, 0, 0, 0 }, 1, 10, 10)]
    // Lags 15, 0, 0: 15 / 10 = 1, not > 1: 15 (2 replicas); corrected 10.
    [InlineData(new long[] { 0, 15, 0, 0, 0, 0 }, 1, 15, 10)]
    // Lags 9, 9, 0: bound 2; 18 / 10 = 1: 18.
    [InlineData(new long[] { 0, 9, 0, 9, 0, 0 }, 2, 18, 18)]
    // No lag: bound 0; 0 / 10 = 0, not > 0: 0.
    [InlineData(new long[] { 0, 0, 0, 0, 0, 0 }, 0, 0, 0)]
    public void Limit_to_partitions_with_lag_bounds_by_partitions_with_lag(long[] offsets, long bound, long metric, long corrected)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = Topic, LimitToPartitionsWithLag = true });

        var result = model.Evaluate(Partitions(offsets));

        Assert.Equal(bound, result.ReplicaBound);
        Assert.Equal(metric, result.MetricValue);
        Assert.Equal(corrected, result.CorrectedMetricValue);
    }

    [Theory]
    // 6 partitions, divisors 1, 2, 3, 6. Lag 25: 1*10 < 25, 2*10 < 25, 3*10 >= 25: 30.
    [InlineData(6, 25, false, 30)]
    // Lag 20: 2*10 >= 20: 20.
    [InlineData(6, 20, false, 20)]
    // Lag 0: 1*10 >= 0: 10 (KEDA asks for one replica even without lag; activity stays 0).
    [InlineData(6, 0, false, 10)]
    // Lag 70: no divisor reaches 70 (6*10 = 60): the partition count, 6*10 = 60; 60 / 10 = 6, not > 6.
    [InlineData(6, 70, false, 60)]
    // The cap still applies with allowIdleConsumers, because ensureEvenDistribution is set: 60.
    [InlineData(6, 70, true, 60)]
    // 10 partitions, divisors 1, 2, 5, 10. Lag 45: 5*10 >= 45: 50.
    [InlineData(10, 45, false, 50)]
    // 7 partitions (prime), divisors 1, 7. Lag 11: 7*10 >= 11: 70.
    [InlineData(7, 11, false, 70)]
    public void Even_distribution_rounds_up_to_a_divisor_of_the_partition_count(int partitionCount, long lag, bool allowIdle, long metric)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings
        {
            Topic = Topic,
            EnsureEvenDistributionOfPartitions = true,
            AllowIdleConsumers = allowIdle,
        });

        // All the lag on partition 0, the others at 0.
        var offsets = new long[partitionCount * 2];
        offsets[1] = lag;
        var result = model.Evaluate(Partitions(offsets));

        Assert.Equal(lag, result.TotalLag);
        Assert.Equal(metric, result.MetricValue);
        Assert.Equal(metric, result.CorrectedMetricValue);
    }

    [Theory]
    [InlineData(6, 0, 10, 1)] // 6 partitions, lag 0: the first divisor, 1, takes it (1*10 >= 0).
    [InlineData(6, 25, 10, 3)] // 1*10, 2*10 < 25 <= 3*10.
    [InlineData(6, 61, 10, 6)] // no divisor reaches 61: the partition count.
    [InlineData(0, 5, 10, 0)] // no partitions: 0.
    [InlineData(12, 40, 10, 4)] // divisors 1, 2, 3, 4, 6, 12: 4*10 >= 40.
    public void Smallest_balanced_replica_count(long partitions, long lag, long threshold, long expected)
    {
        // Argument order of the internal helper: lag, partition count, threshold.
        Assert.Equal(expected, KedaKafkaScalerModel.SmallestBalancedReplicaCount(lag, partitions, threshold));
    }

    [Theory]
    [InlineData(0, 0, false)] // 0 > 0 is false.
    [InlineData(0, 1, true)] // 1 > 0.
    [InlineData(5, 5, false)] // 5 > 5 is false.
    [InlineData(5, 6, true)] // 6 > 5.
    public void Active_when_the_activity_total_exceeds_the_activation_threshold(long activationLagThreshold, long lag, bool active)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { ActivationLagThreshold = activationLagThreshold });

        var result = model.Evaluate(Partitions([0, lag]));

        Assert.Equal(active, result.IsActive);
    }

    [Fact]
    public void A_negative_total_is_inactive_and_reports_zero()
    {
        // Lag 10 - 20 = -10: metric max(-10, 0) = 0; activity -10 > 0 is false.
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings());

        var result = model.Evaluate(Partitions([20, 10]));

        Assert.Equal(-10, result.TotalLag);
        Assert.Equal(-10, result.ActivityLag);
        Assert.Equal(0, result.MetricValue);
        Assert.False(result.IsActive);
    }

    [Fact]
    public void Persistent_lag_is_excluded_from_the_metric_across_evaluations()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { ExcludePersistentLag = true, AllowIdleConsumers = true });
        var lags = new KedaKafkaPartitionLag[2];

        // 1st: both partitions are seen for the first time and count: 15 + 10 = 25.
        var first = model.Evaluate(Partitions([5, 20, 0, 10]), lags);
        Assert.Equal((25, 25), (first.MetricValue, first.ActivityLag));
        Assert.False(lags[0].IsPersistentLag);

        // 2nd: partition 0 still at 5: metric 0, activity 22 - 5 = 17; partition 1 moved 0 -> 4: 6. Metric 6, activity 23.
        var second = model.Evaluate(Partitions([5, 22, 4, 10]), lags);
        Assert.Equal((6, 23), (second.MetricValue, second.ActivityLag));
        Assert.Equal((0, 17, true), (lags[0].Lag, lags[0].ActivityLag, lags[0].IsPersistentLag));
        Assert.Equal((6, 6, false), (lags[1].Lag, lags[1].ActivityLag, lags[1].IsPersistentLag));
        Assert.Equal(1, second.PartitionsWithLag); // a persistent partition's metric lag is 0

        // 3rd: partition 0 moved 5 -> 8: 14; partition 1 still at 4 (as in the 2nd): metric 0, activity 6. Metric 14, activity 20.
        var third = model.Evaluate(Partitions([8, 22, 4, 10]), lags);
        Assert.Equal((14, 20), (third.MetricValue, third.ActivityLag));
        Assert.Equal((false, true), (lags[0].IsPersistentLag, lags[1].IsPersistentLag));
    }

    [Fact]
    public void Without_exclude_persistent_lag_an_unmoved_offset_counts()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { AllowIdleConsumers = true });
        model.Evaluate(Partitions([5, 20, 0, 10]));

        // Same committed offsets as before: 17 + 6 = 23 for both totals.
        var result = model.Evaluate(Partitions([5, 22, 4, 10]));

        Assert.Equal((23, 23), (result.MetricValue, result.ActivityLag));
    }

    [Fact]
    public void Only_persistent_lag_keeps_the_trigger_active_with_a_zero_metric()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { ExcludePersistentLag = true });
        model.Evaluate(Partitions([5, 20]));

        // Unmoved at 5: metric 0, activity 15 > 0: active.
        var result = model.Evaluate(Partitions([5, 20]));

        Assert.Equal(0, result.MetricValue);
        Assert.Equal(15, result.ActivityLag);
        Assert.True(result.IsActive);
    }

    [Fact]
    public void Persistent_lag_state_is_kept_per_topic_and_partition_and_can_be_reset()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { ExcludePersistentLag = true, AllowIdleConsumers = true });
        model.Evaluate([new("a", 0, 5, 20)]);

        // Topic b, partition 0, same offsets: first sighting of (b, 0), so it counts 15; (a, 0) unmoved counts 0.
        var result = model.Evaluate([new("a", 0, 5, 20), new("b", 0, 5, 20)]);
        Assert.Equal(15, result.MetricValue);

        // After a reset, both are first sightings again: 15 + 15.
        model.ResetPersistentLagState();
        Assert.Equal(30, model.Evaluate([new("a", 0, 5, 20), new("b", 0, 5, 20)]).MetricValue);
    }

    [Fact]
    public void Partitions_without_a_commit_or_an_end_offset_do_not_enter_the_persistent_lag_state()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { ExcludePersistentLag = true, AllowIdleConsumers = true });

        // No commit twice: latest's 1 both times, never persistent.
        model.Evaluate(Partitions([-1, 20]));
        Assert.Equal(1, model.Evaluate(Partitions([-1, 20])).MetricValue);

        // Committed 5 while missing from the end-offset answer: not evaluated, so the next sighting is the first: 15.
        var other = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { ExcludePersistentLag = true });
        other.Evaluate(Partitions([5, -1]));
        Assert.Equal(15, other.Evaluate(Partitions([5, 20])).TotalLag);
    }

    [Fact]
    public void A_topic_restricts_the_partitions_and_no_topic_takes_them_all()
    {
        KafkaPartitionOffsets[] partitions = [new(Topic, 0, 0, 4), new("payments", 0, 0, 7)];

        var withTopic = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = Topic });
        var lags = new KedaKafkaPartitionLag[2];
        var result = withTopic.Evaluate(partitions, lags);
        Assert.Equal((4, 1), (result.TotalLag, result.PartitionCount));
        Assert.False(lags[1].IsCounted);
        Assert.Equal(0, lags[1].Lag);

        // Without a topic: 4 + 7 = 11 over 2 partitions.
        var allTopics = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings()).Evaluate(partitions);
        Assert.Equal((11, 2), (allTopics.TotalLag, allTopics.PartitionCount));
    }

    [Fact]
    public void Partition_limitation_selects_partitions_and_bounds_the_cap()
    {
        // Partitions 0..3 with lag 20 each; "0,2" keeps 0 and 2: 40 over 2 partitions; 40 / 10 = 4 > 2: 20.
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = Topic, PartitionLimitation = "0,2" });
        var lags = new KedaKafkaPartitionLag[4];

        var result = model.Evaluate(Partitions([0, 20, 0, 20, 0, 20, 0, 20]), lags);

        Assert.Equal((40, 2, 20L), (result.TotalLag, result.PartitionCount, result.MetricValue));
        Assert.Equal([true, false, true, false], lags.Select(l => l.IsCounted));
    }

    [Fact]
    public void Partition_limitation_is_ignored_without_a_topic()
    {
        // KEDA ignores partitionLimitation when no topic is set: both partitions count, 3 + 4 = 7.
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { PartitionLimitation = "0" });

        Assert.Equal(7, model.Evaluate(Partitions([0, 3, 0, 4])).TotalLag);
    }

    [Fact]
    public void A_bad_partition_limitation_is_refused_even_without_a_topic()
    {
        // KEDA parses partitionLimitation before it drops it for a trigger without a topic.
        var error = Assert.Throws<ArgumentException>(
            () => new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { PartitionLimitation = "1,x" }));

        Assert.Contains("PartitionLimitation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limitation_that_selects_no_partition_is_an_error_and_leaves_the_state_alone()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings
        {
            Topic = Topic,
            PartitionLimitation = "5-9",
            ExcludePersistentLag = true,
        });

        Assert.Throws<InvalidOperationException>(() => model.Evaluate(Partitions([0, 3, 0, 4])));

        // Partition 5 is seen for the first time afterwards: it counts 10.
        Assert.Equal(10, model.Evaluate([new(Topic, 5, 0, 10)]).MetricValue);
    }

    [Theory]
    [InlineData("1,2,10-12", new[] { 1, 2, 10, 11, 12 }, new[] { 0, 3, 9, 13 })]
    [InlineData("7", new[] { 7 }, new[] { 6, 8 })]
    [InlineData("+3", new[] { 3 }, new[] { 2, 4 })] // Go's ParseInt accepts a '+' sign
    [InlineData("0-0", new[] { 0 }, new[] { 1 })]
    [InlineData("5-3,8", new[] { 8 }, new[] { 3, 4, 5 })] // a reversed range selects nothing, as in KEDA
    [InlineData("0-2147483647", new[] { 0, 1_000_000, int.MaxValue }, new[] { -1 })] // kept as bounds, not expanded
    // Items and range ends are trimmed (strings.TrimSpace, kedacore/keda#7528).
    [InlineData("0, 1", new[] { 0, 1 }, new[] { 2 })]
    [InlineData("6 , 6-8", new[] { 6, 7, 8 }, new[] { 5, 9 })]
    [InlineData(" 1", new[] { 1 }, new[] { 0 })]
    [InlineData("1 - 3\t,\n5", new[] { 1, 2, 3, 5 }, new[] { 4 })]
    [InlineData("\u00A02\u3000", new[] { 2 }, new[] { 1 })] // Go's unicode.IsSpace, not only ASCII
    [InlineData("5-3", new int[0], new[] { 3, 4, 5 })]
    public void Partition_limitation_parses_numbers_and_inclusive_ranges(string pattern, int[] inside, int[] outside)
    {
        var limitation = PartitionLimitation.Parse(pattern);

        Assert.NotNull(limitation);
        Assert.All(inside, p => Assert.True(limitation.Contains(p), $"{p} should be in '{pattern}'"));
        Assert.All(outside, p => Assert.False(limitation.Contains(p), $"{p} should not be in '{pattern}'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_partition_limitation_means_every_partition(string? pattern) =>
        Assert.Null(PartitionLimitation.Parse(pattern));

    [Theory]
    [InlineData("1,,2", "''")] // an empty item
    [InlineData("1,", "''")] // a trailing comma
    [InlineData("a", "'a'")]
    [InlineData("1-2-3", "'1-2-3'")] // three literals
    [InlineData("   ", "'   '")] // one item, empty once trimmed
    [InlineData("1, ,2", "' '")]
    [InlineData("1 2", "'1 2'")] // trimming is at the ends only
    [InlineData("\u200B1", "'\u200B1'")] // a zero-width space is not white space for Go
    [InlineData("-1", "'-1'")] // splits into '' and '1'
    [InlineData("2147483648", "'2147483648'")] // above int32
    [InlineData("1-x", "'1-x'")]
    [InlineData("0x10", "'0x10'")]
    public void A_bad_partition_limitation_is_refused_naming_the_setting_and_the_item(string pattern, string quotedItem)
    {
        var error = Assert.Throws<ArgumentException>(
            () => new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = Topic, PartitionLimitation = pattern }));

        Assert.Contains("PartitionLimitation", error.Message, StringComparison.Ordinal);
        Assert.Contains($"item {quotedItem}", error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
    }

    public static TheoryData<KedaKafkaTriggerSettings, string> BadSettings => new()
    {
        { new() { LagThreshold = 0 }, "LagThreshold" },
        { new() { LagThreshold = -10 }, "LagThreshold" },
        { new() { ActivationLagThreshold = -1 }, "ActivationLagThreshold" },
        { new() { OffsetResetPolicy = (KedaOffsetResetPolicy)7 }, "OffsetResetPolicy" },
        { new() { Topic = Topic, AllowIdleConsumers = true, LimitToPartitionsWithLag = true }, "AllowIdleConsumers and LimitToPartitionsWithLag" },
        { new() { LimitToPartitionsWithLag = true }, "LimitToPartitionsWithLag needs a Topic" },
        { new() { EnsureEvenDistributionOfPartitions = true }, "EnsureEvenDistributionOfPartitions needs a Topic" },
        { new() { Topic = Topic, LimitToPartitionsWithLag = true, EnsureEvenDistributionOfPartitions = true }, "LimitToPartitionsWithLag and EnsureEvenDistributionOfPartitions" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Settings_KEDA_refuses_are_refused_naming_the_setting(KedaKafkaTriggerSettings settings, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new KedaKafkaScalerModel(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new KedaKafkaScalerModel(null!));
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings());
        Assert.Throws<ArgumentException>(() => model.Evaluate(Partitions([0, 1, 0, 1]), new KedaKafkaPartitionLag[1]));
        Assert.Throws<ArgumentException>(() => model.Evaluate([new(null!, 0, 0, 1)]));
    }

    [Fact]
    public void Settings_are_copied_when_the_model_is_created()
    {
        var settings = new KedaKafkaTriggerSettings { LagThreshold = 10 };
        var model = new KedaKafkaScalerModel(settings);
        settings.LagThreshold = 1;

        // Still 10: 50 over 1 partition is capped to 1 * 10 = 10, not 1 * 1 = 1.
        Assert.Equal(10, model.Evaluate(Partitions([0, 50])).MetricValue);
        Assert.Equal(10, model.LagThreshold);
    }

    [Fact]
    public void An_evaluation_allocates_nothing()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = Topic, PartitionLimitation = "0-5", ExcludePersistentLag = true });
        var partitions = Partitions([0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15]);
        var lags = new KedaKafkaPartitionLag[partitions.Length];
        model.Evaluate(partitions, lags); // warm up; the persistent-lag state gets its entries

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = model.Evaluate(partitions, lags);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(60, result.ActivityLag); // 6 partitions, each 10 behind (all persistent on the 2nd evaluation)
    }

    /// <summary>Builds partitions 0, 1, 2, ... of <see cref="Topic"/> from flattened (committed, end) pairs.</summary>
    private static KafkaPartitionOffsets[] Partitions(long[] committedEndPairs)
    {
        var partitions = new KafkaPartitionOffsets[committedEndPairs.Length / 2];
        for (var i = 0; i < partitions.Length; i++)
        {
            partitions[i] = new KafkaPartitionOffsets(Topic, i, committedEndPairs[2 * i], committedEndPairs[(2 * i) + 1]);
        }

        return partitions;
    }
}
