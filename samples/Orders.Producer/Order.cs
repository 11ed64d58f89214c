namespace Orders.Producer;

/// <summary>An order as it travels on the topic (JSON, camelCase).</summary>
public sealed record Order(string Id, decimal Amount);
