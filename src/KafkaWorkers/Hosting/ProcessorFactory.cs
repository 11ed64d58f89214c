using System.Reflection;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using KafkaWorkers.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Hosting;

/// <summary>Creates the typed processor of a worker from its handler contract, wrapped in the worker's failure policy.</summary>
internal static class ProcessorFactory
{
    private static readonly MethodInfo CreateMessageMethod = typeof(ProcessorFactory).GetMethod(nameof(CreateMessageProcessor), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CreateBatchMethod = typeof(ProcessorFactory).GetMethod(nameof(CreateBatchProcessor), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Creates the processor; dispose it once the worker has stopped (it owns the dead-letter producer).</summary>
    /// <exception cref="ArgumentException">librdkafka rejected a dead-letter producer setting.</exception>
    public static FailurePolicyProcessor Create(
        KafkaWorkerRegistration registration,
        KafkaWorkerOptions options,
        ConsumerConfig config,
        IServiceProvider services,
        WorkerTelemetry telemetry,
        WorkerStatus status,
        ILogger logger)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var deadLetters = new DeadLetterProducer(DeadLetterProducerConfig.Create(options, config.ClientId), registration.Name, telemetry, status, logger, time);
        if (options.Failure.FinalAction != KafkaFailureAction.Skip)
        {
            deadLetters.Start();
        }

        return new FailurePolicyProcessor(
            CreateHandlerProcessor(registration, options, services, telemetry), options.Failure, deadLetters, registration.Name, config.GroupId, telemetry, time, logger);
    }

    private static IMessageProcessor CreateHandlerProcessor(
        KafkaWorkerRegistration registration, KafkaWorkerOptions options, IServiceProvider services, WorkerTelemetry telemetry)
    {
        var contract = registration.Contract;
        var method = contract.IsBatch ? CreateBatchMethod : CreateMessageMethod;
        try
        {
            return (IMessageProcessor)method
                .MakeGenericMethod(contract.HandlerType, contract.KeyType, contract.ValueType)
                .Invoke(null, [registration, options, services, telemetry])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static IMessageProcessor CreateMessageProcessor<THandler, TKey, TValue>(
        KafkaWorkerRegistration registration, KafkaWorkerOptions options, IServiceProvider services, WorkerTelemetry telemetry)
        where THandler : class, IKafkaHandler<TKey, TValue> =>
        new HandlerProcessor<THandler, TKey, TValue>(
            services, NeedsScope<THandler>(services), Converter<TKey, TValue>(registration), telemetry, services.GetRequiredService<TimeProvider>());

    private static IMessageProcessor CreateBatchProcessor<THandler, TKey, TValue>(
        KafkaWorkerRegistration registration, KafkaWorkerOptions options, IServiceProvider services, WorkerTelemetry telemetry)
        where THandler : class, IKafkaBatchHandler<TKey, TValue> =>
        new BatchHandlerProcessor<THandler, TKey, TValue>(
            services, NeedsScope<THandler>(services), Converter<TKey, TValue>(registration), telemetry, services.GetRequiredService<TimeProvider>(), options.BatchSize);

    private static bool NeedsScope<THandler>(IServiceProvider services) => services.GetRequiredService<HandlerLifetimes>().NeedsScope(typeof(THandler));

    private static MessageConverter<TKey, TValue> Converter<TKey, TValue>(KafkaWorkerRegistration registration) =>
        new(DeserializerResolver.Resolve<TKey>(registration.KeyDeserializer, registration.JsonOptions),
            DeserializerResolver.Resolve<TValue>(registration.ValueDeserializer, registration.JsonOptions));
}
