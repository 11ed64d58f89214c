using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Diagnostics;

/// <summary>Maps librdkafka's syslog levels to log levels.</summary>
internal static class LogLevels
{
    public static LogLevel Of(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
