namespace KafkaWorkers.Completion;

/// <summary>What a run does with a fetched message.</summary>
internal enum RunAdmission
{
    /// <summary>The message is part of the run: handle it.</summary>
    Take,

    /// <summary>The message is beyond the run (its budget, or its partition's end offset): leave it and park the partition.</summary>
    Park,

    /// <summary>The partition's end offset is not known yet: keep the message and pause the partition until it is.</summary>
    Hold,
}
