namespace AgentOS.Native.Tests;

public sealed class LlamaRuntimeTests
{
    public LlamaRuntimeTests() => NativeRuntime.EnsureInitialized();

    [Fact]
    public void Initialize_OnCpu_RegistersACpuDevice()
    {
        Assert.True(LlamaRuntime.IsInitialized);
        Assert.Equal(LlamaBackendKind.Cpu, LlamaRuntime.Backend);
        Assert.Contains(LlamaRuntime.Devices, d => d.Type == LlamaDeviceType.Cpu);
        Assert.False(LlamaRuntime.HasGpu);
        Assert.Contains("CPU", LlamaRuntime.SystemInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_Twice_IsANoOp()
    {
        var directory = LlamaRuntime.NativeDirectory;

        NativeRuntime.EnsureInitialized();

        Assert.Equal(directory, LlamaRuntime.NativeDirectory);
    }

    [Fact]
    public void Initialize_AnotherDirectoryAfterTheFirst_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(
            () => LlamaRuntime.Initialize(new LlamaRuntimeOptions { NativeDirectory = "/nonexistent/native" }));

        Assert.Contains("already initialized", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeDirectory_IsNextToTheApplication()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "native", "cpu"), LlamaRuntime.NativeDirectory);
    }

    [Fact]
    public void ChatTemplates_BuiltIn_IncludesChatMl()
    {
        Assert.Contains("chatml", LlamaChatTemplates.BuiltIn);
    }

    [Fact]
    public void ChatTemplates_ApplyChatMl_RendersTurnsAndAssistantPrefix()
    {
        var text = LlamaChatTemplates.Apply("chatml", [new LlamaChatMessage("user", "héllo")], addAssistantPrefix: true);

        Assert.Equal("<|im_start|>user\nhéllo<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Fact]
    public void ChatTemplates_UnknownTemplate_ReturnsNull()
    {
        Assert.Null(LlamaChatTemplates.Apply("{{ no known markers }}", [new LlamaChatMessage("user", "x")], addAssistantPrefix: true));
    }
}
