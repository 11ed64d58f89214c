using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace KafkaWorkers.Testing.Containers;

/// <summary>Answers, without starting anything, whether Docker can run a <see cref="KafkaContainerBroker"/> here.</summary>
internal static class DockerProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    internal static async Task<KafkaContainerAvailability> CheckAsync(KafkaContainerBrokerOptions options, CancellationToken cancellationToken)
    {
        IDockerEndpointAuthenticationConfiguration? endpoint;
        try
        {
            endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DockerApiException or IOException or TypeInitializationException)
        {
            return NoEngine(ex.Message);
        }

        if (endpoint is null)
        {
            return NoEngine("Testcontainers found no Docker endpoint");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var client = endpoint.GetDockerClientBuilder(Guid.NewGuid()).Build();
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            if (options.PullImage)
            {
                return new KafkaContainerAvailability(true, string.Empty);
            }

            await client.Images.InspectImageAsync(options.Image, timeout.Token).ConfigureAwait(false);
            return new KafkaContainerAvailability(true, string.Empty);
        }
        catch (DockerImageNotFoundException)
        {
            return new KafkaContainerAvailability(
                false,
                $"The image {options.Image} is not present locally and pulling is off ({nameof(KafkaContainerBrokerOptions.PullImage)} = false). " +
                $"Load it (docker pull or docker load), or name a local Apache Kafka 4.x image in {KafkaContainerBrokerOptions.ImageVariable}.");
        }
        catch (DockerApiException ex) when (ex.ResponseBody is { } body && (body.Contains("too new", StringComparison.OrdinalIgnoreCase)
                                             || body.Contains("client version", StringComparison.OrdinalIgnoreCase)))
        {
            return NoEngine($"the engine speaks an older API than the client ({ex.ResponseBody.Trim()}); set DOCKER_API_VERSION to the engine's, for example 1.41");
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException or TimeoutException
                                   or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return NoEngine($"{endpoint.Endpoint} did not answer: {ex.Message}");
        }
    }

    private static KafkaContainerAvailability NoEngine(string detail) =>
        new(false, $"No Docker engine is reachable ({detail}). Start one, or point DOCKER_HOST at it; an engine older than " +
                   "Testcontainers' API needs DOCKER_API_VERSION (1.41 for Debian's docker.io), and TESTCONTAINERS_RYUK_DISABLED=true " +
                   "where the Ryuk image cannot be pulled.");
}
