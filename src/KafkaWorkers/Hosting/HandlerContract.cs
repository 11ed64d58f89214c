using System.Reflection;

namespace KafkaWorkers.Hosting;

/// <summary>What a handler class implements: a message or batch handler, and its key and value types.</summary>
internal sealed record HandlerContract(Type HandlerType, Type KeyType, Type ValueType, bool IsBatch)
{
    /// <summary>Reads the contract of a handler class.</summary>
    /// <exception cref="ArgumentException">The class implements no handler interface, or more than one.</exception>
    public static HandlerContract Of(Type handlerType)
    {
        var contracts = handlerType.GetInterfaces()
            .Where(i => i.IsGenericType)
            .Select(i => (Definition: i.GetGenericTypeDefinition(), Arguments: i.GetGenericArguments()))
            .Where(i => i.Definition == typeof(IKafkaHandler<,>) || i.Definition == typeof(IKafkaBatchHandler<,>))
            .ToList();
        return contracts.Count switch
        {
            1 => new HandlerContract(handlerType, contracts[0].Arguments[0], contracts[0].Arguments[1], contracts[0].Definition == typeof(IKafkaBatchHandler<,>)),
            0 => throw new ArgumentException(
                $"{handlerType} implements neither IKafkaHandler<TKey, TValue> nor IKafkaBatchHandler<TKey, TValue>, so it cannot be a Kafka worker's handler.",
                nameof(handlerType)),
            _ => throw new ArgumentException(
                $"{handlerType} implements {contracts.Count} Kafka handler interfaces; a worker's handler must implement exactly one.",
                nameof(handlerType)),
        };
    }

    /// <summary>Gets the <see cref="KafkaWorkerAttribute"/> declared on the handler, if any.</summary>
    public KafkaWorkerAttribute? Declaration => HandlerType.GetCustomAttribute<KafkaWorkerAttribute>(inherit: false);
}
