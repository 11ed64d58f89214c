using Confluent.Kafka;

namespace KafkaWorkers.Sharing;

/// <summary>A partition whose acknowledgements the broker refused, from <c>rd_kafka_share_commit_sync</c>.</summary>
internal readonly record struct ShareAcknowledgementFailure(string Topic, int Partition, ErrorCode Error, string Reason);
