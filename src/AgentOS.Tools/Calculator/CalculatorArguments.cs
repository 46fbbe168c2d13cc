using System.ComponentModel;

namespace AgentOS.Tools.Calculator;

/// <summary>Arguments of the <c>calculator</c> tool.</summary>
/// <param name="Expression">The arithmetic expression to evaluate.</param>
public sealed record CalculatorArguments(
    [property: Description("The arithmetic expression, e.g. \"17*23\", \"(1+2)^10 / 3\", \"sqrt(2)\", \"15% of 80\".")]
    string Expression);
