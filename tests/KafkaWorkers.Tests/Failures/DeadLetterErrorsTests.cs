using Confluent.Kafka;
using KafkaWorkers.Failures;

namespace KafkaWorkers.Tests.Failures;

public sealed class DeadLetterErrorsTests
{
    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.Local_Transport)]
    [InlineData(ErrorCode.Local_AllBrokersDown)]
    [InlineData(ErrorCode.NotEnoughReplicas)]
    [InlineData(ErrorCode.LeaderNotAvailable)]
    [InlineData(ErrorCode.RequestTimedOut)]
    public void Transient_errors_are_retried(ErrorCode code) => Assert.True(DeadLetterErrors.IsRetriable(new Error(code)));

    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.RecordListTooLarge)]
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    [InlineData(ErrorCode.ClusterAuthorizationFailed)]
    [InlineData(ErrorCode.UnknownTopicOrPart)]
    [InlineData(ErrorCode.Local_UnknownTopic)]
    [InlineData(ErrorCode.Local_UnknownPartition)]
    [InlineData(ErrorCode.InvalidRecord)]
    [InlineData(ErrorCode.PolicyViolation)]
    public void Errors_retrying_cannot_fix_are_permanent(ErrorCode code) => Assert.False(DeadLetterErrors.IsRetriable(new Error(code)));

    [Fact]
    public void A_fatal_error_is_retried_with_a_new_producer() =>
        Assert.True(DeadLetterErrors.IsRetriable(new Error(ErrorCode.Local_Fatal, "fatal", isFatal: true)));
}
