using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>The expected shape of a YAML value, checked by the field-set validators; each problem is added to the list.</summary>
internal abstract record Shape
{
    public abstract void Check(YamlNode node, string path, List<string> errors);
}

/// <summary>A mapping with known fields; with no fields listed, any string-to-string mapping.</summary>
internal sealed record MapShape(params (string Key, Shape Shape, bool Required)[] Fields) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        if (node is not YamlMap map)
        {
            errors.Add(path + ": must be a mapping");
            return;
        }

        if (Fields.Length == 0)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            var field = Fields.FirstOrDefault(f => f.Key == key);
            if (field.Shape is null)
            {
                errors.Add($"{path}.{key}: not a field of this object");
            }
            else
            {
                field.Shape.Check(value, path + "." + key, errors);
            }
        }

        foreach (var missing in Fields.Where(f => f.Required && map[f.Key] is null))
        {
            errors.Add($"{path}.{missing.Key}: required");
        }
    }
}

internal sealed record ListShape(Shape Item, int MinItems = 0) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        if (node is not YamlList list || list.Items.Count < MinItems)
        {
            errors.Add($"{path}: must be a list of at least {MinItems} item(s)");
            return;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            Item.Check(list.Items[i], $"{path}[{i}]", errors);
        }
    }
}

/// <summary>An integer written as a plain YAML number.</summary>
internal sealed record IntShape(int Min, int Max = int.MaxValue) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        if (node is not YamlScalar { Quoted: false } scalar
            || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < Min || value > Max)
        {
            errors.Add($"{path}: must be a number from {Min} to {Max}");
        }
    }
}

/// <summary>A string, plain or quoted, that YAML reads as a string (not a number, boolean or null).</summary>
internal sealed record TextShape(Func<string, bool> Valid, string Description) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        var isString = node is YamlScalar scalar
            && (scalar.Quoted || !Regex.IsMatch(scalar.Value, "^([-+]?[0-9.]+|true|false|null|~|yes|no|on|off)$", RegexOptions.IgnoreCase));
        if (!isString || !Valid(((YamlScalar)node).Value))
        {
            errors.Add($"{path}: must be {Description}");
        }
    }
}

/// <summary>A double-quoted string.</summary>
internal sealed record QuotedShape(Func<string, bool> Valid) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        if (node is not YamlScalar { Quoted: true } scalar || !Valid(scalar.Value))
        {
            errors.Add($"{path}: must be a valid quoted string");
        }
    }
}

/// <summary>A mapping of any keys, each value of one shape (labels, resource quantities).</summary>
internal sealed record DictionaryShape(Func<string, bool> ValidKey, string KeyDescription, Shape Value) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        if (node is not YamlMap map)
        {
            errors.Add(path + ": must be a mapping");
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (!ValidKey(key))
            {
                errors.Add($"{path}.{key}: must be {KeyDescription}");
            }

            Value.Check(value, path + "." + key, errors);
        }
    }
}

/// <summary>Either of two shapes, such as Kubernetes' int-or-string (a probe's port).</summary>
internal sealed record EitherShape(Shape First, Shape Second, string Description) : Shape
{
    public override void Check(YamlNode node, string path, List<string> errors)
    {
        var first = new List<string>();
        First.Check(node, path, first);
        var second = new List<string>();
        Second.Check(node, path, second);
        if (first.Count > 0 && second.Count > 0)
        {
            errors.Add($"{path}: must be {Description}");
        }
    }
}
