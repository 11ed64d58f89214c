namespace KafkaWorkers;

/// <summary>How KEDA's kafka scaler counts lag for a partition without a committed offset (<c>offsetResetPolicy</c>).</summary>
public enum KedaOffsetResetPolicy
{
    /// <summary><c>latest</c>: such a partition counts as a lag of 1 (or 0 with <c>scaleToZeroOnInvalidOffset</c>). KEDA's default.</summary>
    Latest = 0,

    /// <summary><c>earliest</c>: such a partition counts as lagging by its whole log.</summary>
    Earliest = 1,
}
