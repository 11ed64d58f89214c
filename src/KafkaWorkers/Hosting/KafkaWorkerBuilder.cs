using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;
using KafkaWorkers.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures a worker added with <c>AddKafkaWorker</c> beyond its options: how keys and values are deserialized.</summary>
/// <remarks>
/// Without configuration, keys and values of type <see cref="string"/> are read as UTF-8, <see cref="byte"/> arrays as
/// they are, <see cref="Ignore"/> and <see cref="Null"/> as nothing, and every other type as JSON with System.Text.Json
/// (web defaults: camelCase names, case-insensitive).
/// </remarks>
public sealed class KafkaWorkerBuilder
{
    private readonly KafkaWorkerRegistration _registration;

    internal KafkaWorkerBuilder(IServiceCollection services, KafkaWorkerRegistration registration)
    {
        Services = services;
        _registration = registration;
    }

    /// <summary>Gets the worker's name.</summary>
    public string Name => _registration.Name;

    /// <summary>Gets the application's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses a custom deserializer for the worker's keys.</summary>
    /// <typeparam name="TKey">The key type of the worker's handler.</typeparam>
    /// <param name="deserializer">The deserializer.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deserializer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TKey"/> is not the handler's key type.</exception>
    public KafkaWorkerBuilder WithKeyDeserializer<TKey>(IDeserializer<TKey> deserializer)
    {
        ArgumentNullException.ThrowIfNull(deserializer);
        _registration.KeyDeserializer = Checked(deserializer, typeof(TKey), _registration.Contract.KeyType, "key");
        return this;
    }

    /// <summary>Uses a custom deserializer for the worker's values.</summary>
    /// <typeparam name="TValue">The value type of the worker's handler.</typeparam>
    /// <param name="deserializer">The deserializer.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deserializer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TValue"/> is not the handler's value type.</exception>
    public KafkaWorkerBuilder WithValueDeserializer<TValue>(IDeserializer<TValue> deserializer)
    {
        ArgumentNullException.ThrowIfNull(deserializer);
        _registration.ValueDeserializer = Checked(deserializer, typeof(TValue), _registration.Contract.ValueType, "value");
        return this;
    }

    /// <summary>Reads the worker's values as JSON with source-generated metadata (trimming- and AOT-friendly).</summary>
    /// <typeparam name="TValue">The value type of the worker's handler.</typeparam>
    /// <param name="typeInfo">The metadata, for example <c>MyJsonContext.Default.Order</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TValue"/> is not the handler's value type.</exception>
    public KafkaWorkerBuilder WithJsonValue<TValue>(JsonTypeInfo<TValue> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _registration.ValueDeserializer = Checked(typeInfo, typeof(TValue), _registration.Contract.ValueType, "value");
        return this;
    }

    /// <summary>Sets the System.Text.Json options for keys and values read as JSON.</summary>
    /// <param name="options">The options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public KafkaWorkerBuilder WithJsonOptions(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registration.JsonOptions = options;
        return this;
    }

    private object Checked(object deserializer, Type given, Type expected, string part) =>
        given == expected
            ? deserializer
            : throw new ArgumentException(
                $"Kafka worker '{Name}' handles {part}s of type {expected}; a deserializer of {given} cannot be used for them.",
                nameof(deserializer));
}
