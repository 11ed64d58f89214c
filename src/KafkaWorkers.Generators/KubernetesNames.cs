using System.Text;

namespace KafkaWorkers.Generators;

/// <summary>Kubernetes naming rules (DNS-1123) and the names derived from the project.</summary>
internal static class KubernetesNames
{
    /// <summary>KEDA names a ScaledObject's HPA <c>keda-hpa-&lt;name&gt;</c>, and that must fit in a 63-character label.</summary>
    public const int MaxScaledObjectNameLength = 63 - 9;

    public const int MaxLabelLength = 63;

    public const int MaxSubdomainLength = 253;

    /// <summary>Checks a DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric.</summary>
    /// <returns>Why the name is invalid, or <see langword="null"/> when it is valid.</returns>
    public static string? CheckLabel(string name, int maxLength)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > maxLength)
        {
            return "it has " + name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " characters, more than " + maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var c in name)
        {
            if (!IsLowerAlphanumeric(c) && c != '-')
            {
                return "it may contain only lower-case letters, digits and '-'";
            }
        }

        return IsLowerAlphanumeric(name[0]) && IsLowerAlphanumeric(name[name.Length - 1])
            ? null
            : "it must start and end with a lower-case letter or digit";
    }

    /// <summary>Checks a DNS-1123 subdomain: DNS-1123 labels joined by '.', at most 253 characters.</summary>
    /// <returns>Why the name is invalid, or <see langword="null"/> when it is valid.</returns>
    public static string? CheckSubdomain(string name)
    {
        if (name.Length > MaxSubdomainLength)
        {
            return CheckLabel(name, MaxSubdomainLength);
        }

        foreach (var label in name.Split('.'))
        {
            var reason = CheckLabel(label, MaxLabelLength);
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>Turns an assembly name into a DNS-1123 label: lower case, other characters replaced by '-'.</summary>
    public static string FromAssemblyName(string assemblyName)
    {
        var builder = new StringBuilder(assemblyName.Length);
        foreach (var c in assemblyName)
        {
            var lower = char.ToLowerInvariant(c);
            builder.Append(IsLowerAlphanumeric(lower) ? lower : '-');
        }

        var name = builder.ToString().Trim('-');
        if (name.Length > MaxLabelLength)
        {
            name = name.Substring(0, MaxLabelLength).TrimEnd('-');
        }

        return name.Length == 0 ? "app" : name;
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
