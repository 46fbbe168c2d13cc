namespace AgentOS.Native;

/// <summary>
/// llama.cpp's own counters for a context (<c>llama_perf_context</c>). The token counts are never below 1:
/// llama.cpp reports a count of 0 as 1, because it divides by it.
/// </summary>
/// <param name="LoadTime">Time spent loading the model.</param>
/// <param name="PromptEvalTime">Time spent in multi-token (prompt) decodes.</param>
/// <param name="EvalTime">Time spent in single-token decodes.</param>
/// <param name="PromptTokens">Tokens decoded in multi-token decodes.</param>
/// <param name="EvalTokens">Single-token decodes.</param>
/// <param name="GraphReuses">How often a compute graph was reused.</param>
public sealed record LlamaContextPerformance(
    TimeSpan LoadTime, TimeSpan PromptEvalTime, TimeSpan EvalTime, int PromptTokens, int EvalTokens, int GraphReuses);
