namespace Orders.Worker;

/// <summary>An order, read from the topic's JSON values.</summary>
public sealed record Order(string Id, decimal Amount);
