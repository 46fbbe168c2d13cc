namespace AgentOS.Kernel.Formats;

/// <summary>What a <see cref="IToolCallParser"/> recognised in the generated stream.</summary>
public abstract record ParseEvent;
