using System.Reflection;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using KafkaWorkers.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Sharing;

/// <summary>Creates the typed processor of a share worker from its handler contract (message or batch handler).</summary>
internal static class ShareProcessorFactory
{
    private static readonly MethodInfo CreateMethod = typeof(ShareProcessorFactory).GetMethod(nameof(CreateTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IMessageProcessor Create(KafkaWorkerRegistration registration, KafkaWorkerOptions options, IServiceProvider services, WorkerTelemetry telemetry)
    {
        var contract = registration.Contract;
        try
        {
            return (IMessageProcessor)CreateMethod
                .MakeGenericMethod(contract.HandlerType, contract.KeyType, contract.ValueType)
                .Invoke(null, [registration, options, services, telemetry])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static IMessageProcessor CreateTyped<THandler, TKey, TValue>(
        KafkaWorkerRegistration registration, KafkaWorkerOptions options, IServiceProvider services, WorkerTelemetry telemetry)
        where THandler : class
    {
        Func<IServiceProvider, IReadOnlyList<KafkaMessage<TKey, TValue>>, CancellationToken, ValueTask> invoke = registration.Contract.IsBatch
            ? (scope, messages, token) => ((IKafkaBatchHandler<TKey, TValue>)scope.GetRequiredService<THandler>()).HandleAsync(messages, token)
            : (scope, messages, token) => ((IKafkaHandler<TKey, TValue>)scope.GetRequiredService<THandler>()).HandleAsync(messages[0], token);
        var converter = new MessageConverter<TKey, TValue>(
            DeserializerResolver.Resolve<TKey>(registration.KeyDeserializer, registration.JsonOptions),
            DeserializerResolver.Resolve<TValue>(registration.ValueDeserializer, registration.JsonOptions));
        return new ShareHandlerProcessor<TKey, TValue>(
            services, services.GetRequiredService<HandlerLifetimes>().NeedsScope(typeof(THandler)), converter, invoke, registration.Contract.IsBatch ? options.BatchSize : 1,
            telemetry, services.GetRequiredService<TimeProvider>());
    }
}
