using Confluent.Kafka;
using KafkaWorkers.Failures;

namespace KafkaWorkers.Tests.Failures;

public sealed class DeadLetterErrorsTests
{
    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut, true)]
    [InlineData(ErrorCode.Local_Transport, true)]
    [InlineData(ErrorCode.Local_AllBrokersDown, true)]
    [InlineData(ErrorCode.NotEnoughReplicas, true)]
    [InlineData(ErrorCode.LeaderNotAvailable, true)]
    [InlineData(ErrorCode.RequestTimedOut, true)]
    [InlineData(ErrorCode.MsgSizeTooLarge, false)]
    [InlineData(ErrorCode.RecordListTooLarge, false)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, false)]
    [InlineData(ErrorCode.ClusterAuthorizationFailed, false)]
    [InlineData(ErrorCode.UnknownTopicOrPart, false)]
    [InlineData(ErrorCode.Local_UnknownTopic, false)]
    [InlineData(ErrorCode.Local_UnknownPartition, false)]
    [InlineData(ErrorCode.InvalidRecord, false)]
    [InlineData(ErrorCode.PolicyViolation, false)]
    public void Only_transient_errors_are_retried_and_those_retrying_cannot_fix_are_permanent(ErrorCode code, bool retriable) =>
        Assert.Equal(retriable, DeadLetterErrors.IsRetriable(new Error(code)));

    [Fact]
    public void A_fatal_error_is_retried_with_a_new_producer() =>
        Assert.True(DeadLetterErrors.IsRetriable(new Error(ErrorCode.Local_Fatal, "fatal", isFatal: true)));
}
