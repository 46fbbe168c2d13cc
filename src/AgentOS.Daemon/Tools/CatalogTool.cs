using AgentOS.Abstractions;

namespace AgentOS.Daemon.Tools;

/// <summary>A tool in the <see cref="ToolCatalog"/> and where it came from.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Source"><c>builtin</c>, or the name of the plugin that provides it.</param>
public sealed record CatalogTool(ITool Tool, string Source);
