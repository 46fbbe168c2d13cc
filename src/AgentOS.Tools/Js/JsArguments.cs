using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AgentOS.Tools.Js;

/// <summary>Arguments of the <c>js</c> tool.</summary>
/// <param name="Code">The JavaScript to run.</param>
public sealed record JsArguments(
    [property: Description("JavaScript (strict mode) to run. The value of the last expression is the result; console.log output is captured. No modules, no eval, no host access."),
        MinLength(1), MaxLength(JsArguments.MaxCodeLength)]
    string Code)
{
    /// <summary>Longest script accepted, in characters.</summary>
    public const int MaxCodeLength = 20_000;
}
