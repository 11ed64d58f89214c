using System.Reflection;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Runtime;
using KafkaWorkers.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Hosting;

/// <summary>Creates the typed processor of a worker from its handler contract.</summary>
internal static class ProcessorFactory
{
    private static readonly MethodInfo CreateMessageMethod = typeof(ProcessorFactory).GetMethod(nameof(CreateMessageProcessor), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CreateBatchMethod = typeof(ProcessorFactory).GetMethod(nameof(CreateBatchProcessor), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IMessageProcessor Create(
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
            services.GetRequiredService<IServiceScopeFactory>(), Converter<TKey, TValue>(registration), telemetry, services.GetRequiredService<TimeProvider>());

    private static IMessageProcessor CreateBatchProcessor<THandler, TKey, TValue>(
        KafkaWorkerRegistration registration, KafkaWorkerOptions options, IServiceProvider services, WorkerTelemetry telemetry)
        where THandler : class, IKafkaBatchHandler<TKey, TValue> =>
        new BatchHandlerProcessor<THandler, TKey, TValue>(
            services.GetRequiredService<IServiceScopeFactory>(), Converter<TKey, TValue>(registration), telemetry, services.GetRequiredService<TimeProvider>(), options.BatchSize);

    private static MessageConverter<TKey, TValue> Converter<TKey, TValue>(KafkaWorkerRegistration registration) =>
        new(DeserializerResolver.Resolve<TKey>(registration.KeyDeserializer, registration.JsonOptions),
            DeserializerResolver.Resolve<TValue>(registration.ValueDeserializer, registration.JsonOptions));
}
