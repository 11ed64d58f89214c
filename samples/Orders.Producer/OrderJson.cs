using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orders.Producer;

/// <summary>Source-generated JSON metadata for <see cref="Order"/>, with the web defaults the worker reads with.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
public sealed partial class OrderJson : JsonSerializerContext;
