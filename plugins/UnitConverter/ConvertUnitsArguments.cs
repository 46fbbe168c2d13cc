using System.ComponentModel;

namespace AgentOS.Plugins.UnitConverter;

/// <summary>Arguments of <c>convert_units</c>.</summary>
/// <param name="Value">The amount to convert.</param>
/// <param name="From">The unit it is in.</param>
/// <param name="To">The unit wanted.</param>
public sealed record ConvertUnitsArguments(
    [property: Description("The amount to convert.")] double Value,
    [property: Description("The unit of the amount: m, km, cm, mm, mi, yd, ft, in, kg, g, mg, lb, oz, l, ml, gal, c, f, k.")] string From,
    [property: Description("The unit to convert to (same kind as from).")] string To);
