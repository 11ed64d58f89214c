using System.Text.Json;
using Confluent.Kafka;
using KafkaWorkers.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Tests.Hosting;

public sealed class AddKafkaWorkerTests
{
    [Fact]
    public void A_class_that_is_no_handler_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddKafkaWorker<NotAHandler>());
        Assert.Contains("NotAHandler implements neither IKafkaHandler<TKey, TValue> nor IKafkaBatchHandler<TKey, TValue>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_with_two_handler_interfaces_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddKafkaWorker<TwoFacedHandler>());
        Assert.Contains("implements 2 Kafka handler interfaces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_workers_may_not_share_a_name_but_one_handler_may_serve_two_names()
    {
        var services = new ServiceCollection();
        services.AddKafkaWorker<PlainHandler>("a");
        services.AddKafkaWorker<PlainHandler>("b");

        var error = Assert.Throws<InvalidOperationException>(() => services.AddKafkaWorker<DeclaredHandler>("a"));
        Assert.Contains("'a' was added already", error.Message, StringComparison.Ordinal);
        Assert.Single(services, d => d.ImplementationType == typeof(KafkaWorkersHostedService));
    }

    [Fact]
    public void The_worker_is_named_by_its_attribute_or_else_by_its_class()
    {
        Assert.Equal("orders", new ServiceCollection().AddKafkaWorker<DeclaredHandler>().Name);
        Assert.Equal("PlainHandler", new ServiceCollection().AddKafkaWorker<PlainHandler>().Name);
    }

    [Fact]
    public void A_deserializer_of_the_wrong_type_is_refused_at_registration()
    {
        var builder = new ServiceCollection().AddKafkaWorker<DeclaredHandler>();

        var error = Assert.Throws<ArgumentException>(() => builder.WithValueDeserializer(Deserializers.Utf8));
        Assert.Contains("handles values of type KafkaWorkers.Tests.Hosting.Order; a deserializer of System.String cannot be used", error.Message, StringComparison.Ordinal);
        builder.WithKeyDeserializer(Deserializers.Utf8).WithJsonOptions(new JsonSerializerOptions());
    }

    [Fact]
    public void The_handler_contract_tells_message_and_batch_handlers_apart()
    {
        var batch = HandlerContract.Of(typeof(BatchOfBytesHandler));
        Assert.True(batch.IsBatch);
        Assert.Equal(typeof(byte[]), batch.KeyType);

        var single = HandlerContract.Of(typeof(DeclaredHandler));
        Assert.False(single.IsBatch);
        Assert.Equal(typeof(Order), single.ValueType);
        Assert.Equal("orders", single.Declaration?.Name);
    }
}
