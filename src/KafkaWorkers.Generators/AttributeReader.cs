using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KafkaWorkers.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KafkaWorkers.Generators;

/// <summary>
/// Reads one attribute application: which named arguments were written, their values, and where each argument is
/// in source so that a diagnostic can point at the argument at fault.
/// </summary>
internal sealed class AttributeReader
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;
    private readonly Dictionary<string, TypedConstant> _named;

    public AttributeReader(AttributeData attribute, CancellationToken cancellationToken)
    {
        _attribute = attribute;
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        _named = new Dictionary<string, TypedConstant>(StringComparer.Ordinal);
        foreach (var argument in attribute.NamedArguments)
        {
            _named[argument.Key] = argument.Value;
        }
    }

    /// <summary>Gets the short name of the attribute as it is usually written, such as <c>KedaScaledJob</c>.</summary>
    public string DisplayName
    {
        get
        {
            var name = _attribute.AttributeClass?.Name ?? string.Empty;
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;
        }
    }

    /// <summary>Gets the location of the whole attribute.</summary>
    public Location? Location => _syntax?.GetLocation();

    /// <summary>
    /// Gets the name of the enum member a named argument holds, found by value among the enum's fields, so the YAML
    /// follows the member's name and not its position; <see langword="null"/> when the argument is not written.
    /// </summary>
    /// <returns>The member's name, or the empty string for a value no member has (such as <c>(KedaScaleTargetKind)7</c>).</returns>
    public string? EnumMember(string name)
    {
        if (!_named.TryGetValue(name, out var value) || value.Value is null)
        {
            return null;
        }

        var member = value.Type?.GetMembers()
            .OfType<IFieldSymbol>()
            .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
        return member?.Name ?? string.Empty;
    }

    public int? Int(string name) => _named.TryGetValue(name, out var value) && value.Value is int number ? number : null;

    public bool? Bool(string name) => _named.TryGetValue(name, out var value) && value.Value is bool flag ? flag : null;

    public double? Double(string name) => _named.TryGetValue(name, out var value) && value.Value is double number ? number : null;

    public string? String(string name) => _named.TryGetValue(name, out var value) ? value.Value as string : null;

    public IReadOnlyList<string> Strings(string name) =>
        _named.TryGetValue(name, out var value) && value.Kind == TypedConstantKind.Array && !value.IsNull
            ? value.Values.Select(item => item.Value as string ?? string.Empty).ToArray()
            : [];

    public string? ConstructorString(int index) =>
        index < _attribute.ConstructorArguments.Length ? _attribute.ConstructorArguments[index].Value as string : null;

    /// <summary>Gets the location of a named argument, or of the attribute when the argument is not written.</summary>
    public Location? LocationOf(string name)
    {
        var argument = _syntax?.ArgumentList?.Arguments.FirstOrDefault(
            a => a.NameEquals is not null && a.NameEquals.Name.Identifier.ValueText == name);
        return argument is null ? Location : argument.GetLocation();
    }

    /// <summary>Gets the location of a constructor argument, or of the attribute when there is none.</summary>
    public Location? ConstructorLocation(int index)
    {
        var positional = _syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return positional is not null && index < positional.Count ? positional[index].GetLocation() : Location;
    }
}
