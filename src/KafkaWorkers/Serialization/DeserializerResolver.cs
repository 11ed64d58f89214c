using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace KafkaWorkers.Serialization;

/// <summary>
/// Chooses the deserializer of a key or value type: the one registered for the worker, else a built-in for
/// <see cref="string"/> (UTF-8), <see cref="byte"/> arrays, <see cref="Ignore"/> and <see cref="Null"/>, else
/// System.Text.Json with the worker's <see cref="JsonSerializerOptions"/> (web defaults when none are given).
/// </summary>
internal static class DeserializerResolver
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    public static IDeserializer<T> Resolve<T>(object? registered, JsonSerializerOptions? jsonOptions)
    {
        switch (registered)
        {
            case IDeserializer<T> custom:
                return custom;
            case JsonTypeInfo<T> typeInfo:
                return new JsonDeserializer<T>(typeInfo);
            case not null:
                throw new InvalidOperationException($"The deserializer registered for {typeof(T)} is a {registered.GetType()}, which cannot produce {typeof(T)}.");
        }

        object? builtIn = typeof(T) == typeof(string) ? Deserializers.Utf8
            : typeof(T) == typeof(byte[]) ? Deserializers.ByteArray
            : typeof(T) == typeof(Ignore) ? Deserializers.Ignore
            : typeof(T) == typeof(Null) ? Deserializers.Null
            : null;
        if (builtIn is not null)
        {
            return (IDeserializer<T>)builtIn;
        }

        var options = jsonOptions ?? WebOptions;
        options.MakeReadOnly(populateMissingResolver: true);
        return new JsonDeserializer<T>((JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }
}
