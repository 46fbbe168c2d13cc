using AgentOS.Cli.Commands;
using Microsoft.Extensions.Logging;

namespace AgentOS.Cli.Tests;

public sealed class StandardErrorLoggerProviderTests
{
    [Fact]
    public void Log_PrintsWarningsAndErrorsAsOneLineEachAndDropsTheRest()
    {
        var output = new StringWriter();
        using var factory = new LoggerFactory([new StandardErrorLoggerProvider(output)]);
        var logger = factory.CreateLogger("llama.cpp");

        logger.LogDebug("loaded meta data with 23 key-value pairs");
        logger.LogInformation("using device CPU");
        logger.LogWarning("failed to load the CUDA backend\n");
        logger.LogError("model file is truncated");

        Assert.Equal(
            "agentos: llama.cpp: failed to load the CUDA backend\nagentos: llama.cpp: model file is truncated\n",
            output.ToString().ReplaceLineEndings("\n"));
    }
}
