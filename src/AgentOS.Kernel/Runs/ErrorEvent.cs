namespace AgentOS.Kernel.Runs;

/// <summary>A problem in the run, with a clear message; <see cref="RunErrorKind"/> says whether the run goes on.</summary>
/// <param name="Step">The step.</param>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Message">One clear sentence.</param>
public sealed record ErrorEvent(int Step, RunErrorKind Kind, string Message) : AgentEvent(Step);
