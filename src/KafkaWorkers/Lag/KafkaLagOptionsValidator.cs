using System.Globalization;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Lag;

/// <summary>
/// Validates each worker's <see cref="KafkaLagOptions"/> when the lag monitor starts. Every failure names the setting by
/// its configuration path and says what is allowed; the trigger and replica settings are checked by the KEDA models
/// themselves, so the monitor refuses exactly what they refuse.
/// </summary>
internal sealed class KafkaLagOptionsValidator : IValidateOptions<KafkaLagOptions>
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, KafkaLagOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var path = KafkaLagOptionsSetup.PathOf(name);
        CheckTime(options.PollInterval, TimeSpan.FromHours(1), nameof(options.PollInterval));
        CheckTime(options.ReadTimeout, TimeSpan.FromMinutes(5), nameof(options.ReadTimeout));
        if (options.Trigger is null)
        {
            failures.Add($"Kafka lag monitor '{name}': {path}:{nameof(options.Trigger)} is not set; set it or leave the default.");
        }
        else
        {
            Check(nameof(options.Trigger), () => _ = new KedaKafkaScalerModel(options.Trigger));
        }

        if (options.ScaledObject is null)
        {
            failures.Add($"Kafka lag monitor '{name}': {path}:{nameof(options.ScaledObject)} is not set; set it or leave the default.");
        }
        else
        {
            Check(nameof(options.ScaledObject), () => KedaReplicaModel.Validate(1, 0, options.ScaledObject));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckTime(TimeSpan value, TimeSpan max, string setting)
        {
            if (value < MinInterval || value > max)
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Kafka lag monitor '{name}': {path}:{setting} is {value:c}; it must be between {MinInterval:c} and {max:c}."));
            }
        }

        void Check(string section, Action validate)
        {
            try
            {
                validate();
            }
            catch (ArgumentException exception)
            {
                // The models' messages name the setting (for example "LagThreshold (lagThreshold) must be greater than zero.").
                failures.Add($"Kafka lag monitor '{name}': {path}:{section} is refused: {exception.Message.ReplaceLineEndings(" ")}");
            }
        }
    }
}
