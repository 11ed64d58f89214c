using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Sharing;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>
/// The acknowledgements the cluster refused during a test, from the workers' acknowledgement-failure counter, and the
/// assertion share tests make with them: every record handled, and a record handled again only after a refusal. The
/// in-process cluster sometimes answers a new member's first acknowledgements with <c>SHARE_SESSION_NOT_FOUND</c>
/// (docs/testing.md); the records then come back, as share groups promise (at least once), with a higher delivery
/// count. Where nothing was refused the assertion is exactly once.
/// </summary>
public sealed class RefusedAcknowledgements : IDisposable
{
    private readonly MetricRecorder _failures = new(KafkaShareTelemetry.AcknowledgementFailures);

    /// <summary>Gets how many acknowledgements (per partition and commit) the cluster refused so far.</summary>
    public int Count => _failures.Measurements.Count;

    /// <summary>
    /// Asserts that exactly the <paramref name="expected"/> records were handled: each once where no acknowledgement was
    /// refused; otherwise each at most once on its first delivery and again only on a later one (delivery count ≥ 2),
    /// every refusal being the mock's <c>SHARE_SESSION_NOT_FOUND</c>.
    /// </summary>
    public void AssertHandledOnceExceptAfterRefusals<TRecord>(IReadOnlyList<ShareDelivery> handled, Func<ShareDelivery, TRecord> record, IEnumerable<TRecord> expected)
    {
        Assert.Equal(expected.Order(), handled.Select(record).Distinct().Order());
        if (Count == 0)
        {
            Assert.Equal(handled.Count, handled.Select(record).Distinct().Count());
            Assert.All(handled, d => Assert.Equal(1, d.DeliveryCount));
            return;
        }

        Assert.All(_failures.Measurements, m => Assert.Equal("SHARE_SESSION_NOT_FOUND", m.Tags.GetValueOrDefault("error.type")));
        Assert.All(handled.GroupBy(record), g => Assert.True(g.Count(d => d.DeliveryCount == 1) <= 1, $"record {g.Key} was handled twice on its first delivery"));
    }

    public void Dispose() => _failures.Dispose();
}
