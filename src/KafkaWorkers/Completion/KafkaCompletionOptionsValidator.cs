using Microsoft.Extensions.Options;

namespace KafkaWorkers.Completion;

/// <summary>Validates each worker's <see cref="KafkaWorkerOptions.Completion"/> settings when the host starts.</summary>
internal sealed class KafkaCompletionOptionsValidator : IValidateOptions<KafkaWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaWorkerOptions options)
    {
        if (name is null || options.Completion is not { } completion)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var path = $"Kafka:Workers:{name}:Completion";
        if (completion.MaxMessages is < 1 or > 10_000_000)
        {
            failures.Add($"Kafka worker '{name}': {path}:MaxMessages is {completion.MaxMessages}; it must be between 1 and 10000000.");
        }

        Check(completion.IdleTimeout, TimeSpan.FromHours(1), "IdleTimeout");
        Check(completion.MaxDuration, TimeSpan.FromDays(7), "MaxDuration");
        Check(completion.StartTimeout, TimeSpan.FromHours(1), "StartTimeout");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(TimeSpan? value, TimeSpan max, string setting)
        {
            var min = TimeSpan.FromMilliseconds(10);
            if (value is { } time && (time < min || time > max))
            {
                failures.Add($"Kafka worker '{name}': {path}:{setting} is {time:c}; it must be between {min:c} and {max:c}.");
            }
        }
    }
}
