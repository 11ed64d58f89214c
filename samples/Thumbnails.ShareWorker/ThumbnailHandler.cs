using KafkaWorkers;
using Microsoft.Extensions.Logging;

namespace Thumbnails.ShareWorker;

/// <summary>
/// Renders one thumbnail per record: independent, slow and uneven jobs, the case share groups are for. A failure
/// releases the record, and the broker delivers it again (to any replica) with a higher delivery count.
/// </summary>
[KafkaWorker("thumbnails", Topics = ["images"], GroupId = "thumbnails")]
[KedaShareScaledObject("http://prometheus.monitoring:9090", PollingInterval = 15, MaxReplicaCount = 20, ActivationThreshold = "0.1")]
public sealed class ThumbnailHandler(ILogger<ThumbnailHandler> logger) : IKafkaHandler<string, ThumbnailRequest>
{
    /// <inheritdoc/>
    public async ValueTask HandleAsync(KafkaMessage<string, ThumbnailRequest> message, CancellationToken cancellationToken)
    {
        // Stands for the rendering: well within the record lock (30 s by default), or the record goes to another replica.
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Thumbnail of {Url} at {Width} px (delivery {DeliveryCount})", message.Value.Url, message.Value.Width, message.DeliveryCount);
    }
}
