namespace Orders.Worker;

/// <summary>The sample's own settings, section <c>Orders</c>.</summary>
public sealed class OrdersOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orders";

    /// <summary>How long handling one order takes (simulated work).</summary>
    public TimeSpan HandlerDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A file to append each handled order's id to, one per line; none by default.</summary>
    public string? ProcessedLog { get; set; }
}
