using System.Globalization;
using AgentOS.Abstractions;

namespace AgentOS.Plugins.UnitConverter;

/// <summary>
/// <c>convert_units</c>: converts an amount between units of length, mass, volume or temperature.
/// Each unit is a factor to its kind's base unit (metre, kilogram, litre); temperatures are offsets
/// and need their own formulas.
/// </summary>
public sealed class ConvertUnitsTool : Tool<ConvertUnitsArguments>
{
    private static readonly Dictionary<string, (string Kind, double ToBase)> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["m"] = ("length", 1), ["km"] = ("length", 1000), ["cm"] = ("length", 0.01), ["mm"] = ("length", 0.001),
        ["mi"] = ("length", 1609.344), ["yd"] = ("length", 0.9144), ["ft"] = ("length", 0.3048), ["in"] = ("length", 0.0254),
        ["kg"] = ("mass", 1), ["g"] = ("mass", 0.001), ["mg"] = ("mass", 1e-6), ["lb"] = ("mass", 0.45359237), ["oz"] = ("mass", 0.028349523125),
        ["l"] = ("volume", 1), ["ml"] = ("volume", 0.001), ["gal"] = ("volume", 3.785411784),
        ["c"] = ("temperature", double.NaN), ["f"] = ("temperature", double.NaN), ["k"] = ("temperature", double.NaN),
    };

    /// <summary>Creates the tool.</summary>
    public ConvertUnitsTool()
        : base("convert_units", "Converts an amount between units of length (m, km, cm, mm, mi, yd, ft, in), mass (kg, g, mg, lb, oz), volume (l, ml, gal) or temperature (c, f, k).")
    {
    }

    /// <inheritdoc />
    protected override Task<ToolResult> InvokeAsync(ConvertUnitsArguments arguments, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(arguments.Value))
        {
            return Task.FromResult(ToolResult.Fail(ToolErrorCode.InvalidArguments, "value must be a finite number."));
        }

        if (!Units.TryGetValue(arguments.From.Trim(), out var from))
        {
            return Task.FromResult(Unknown(arguments.From));
        }

        if (!Units.TryGetValue(arguments.To.Trim(), out var to))
        {
            return Task.FromResult(Unknown(arguments.To));
        }

        if (from.Kind != to.Kind)
        {
            return Task.FromResult(ToolResult.Fail(ToolErrorCode.InvalidArguments, $"Cannot convert {from.Kind} ({arguments.From}) to {to.Kind} ({arguments.To})."));
        }

        var result = from.Kind == "temperature"
            ? FromKelvin(ToKelvin(arguments.Value, arguments.From.Trim()), arguments.To.Trim())
            : arguments.Value * from.ToBase / to.ToBase;
        var text = Math.Round(result, 6).ToString("0.######", CultureInfo.InvariantCulture);
        return Task.FromResult(ToolResult.Ok($"{text} {arguments.To.Trim().ToLowerInvariant()}"));
    }

    private static ToolResult Unknown(string unit) => ToolResult.Fail(ToolErrorCode.InvalidArguments,
        $"Unknown unit '{unit}'. Known units: {string.Join(", ", Units.Keys)}.");

    private static double ToKelvin(double value, string unit) => unit.ToLowerInvariant() switch
    {
        "c" => value + 273.15,
        "f" => ((value - 32) * 5 / 9) + 273.15,
        _ => value,
    };

    private static double FromKelvin(double kelvin, string unit) => unit.ToLowerInvariant() switch
    {
        "c" => kelvin - 273.15,
        "f" => ((kelvin - 273.15) * 9 / 5) + 32,
        _ => kelvin,
    };
}
