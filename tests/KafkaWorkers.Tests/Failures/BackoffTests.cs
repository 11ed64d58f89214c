using KafkaWorkers.Failures;

namespace KafkaWorkers.Tests.Failures;

public sealed class BackoffTests
{
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(5, 1000)]
    [InlineData(60, 1000)]
    [InlineData(int.MaxValue, 1000)]
    public void The_ceiling_doubles_per_retry_up_to_the_maximum_and_jitter_draws_between_half_of_it_and_all_of_it(int retry, int ceilingMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs), _backoff.Delay(retry, jitter: 1));
        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMs / 2.0), _backoff.Delay(retry, jitter: 0));
        var drawn = _backoff.Next(retry);
        Assert.InRange(drawn, TimeSpan.FromMilliseconds(ceilingMs / 2.0), TimeSpan.FromMilliseconds(ceilingMs));
    }

    [Fact]
    public void No_initial_delay_means_no_wait()
    {
        Assert.Equal(TimeSpan.Zero, new Backoff(TimeSpan.Zero, TimeSpan.FromSeconds(1)).Next(3));
    }
}
