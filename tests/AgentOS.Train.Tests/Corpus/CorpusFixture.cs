using AgentOS.Train.Corpus;

namespace AgentOS.Train.Tests.Corpus;

/// <summary>
/// One small corpus built once for the corpus tests, with the real tools: generating it runs every family's calls
/// through the calculator, the js workers and the retrieval index.
/// </summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    public static readonly CorpusOptions Options = new() { Seed = 11, TrainEpisodes = 600, HeldOutEpisodes = 300, LearnedPieces = 600, Documents = 200, CopyDrills = 80 };

    public CorpusBuild Build { get; private set; } = null!;

    public CorpusTools Tools { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var documents = DocumentLibrary.Create(Options.Seed, Options.Documents);
        Tools = CorpusTools.Create(documents, Options.Seed);
        Build = await CorpusPipeline.BuildAsync(Options, documents, Tools.ToolBox, TextWriter.Null);
    }

    public Task DisposeAsync()
    {
        Tools.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CorpusTestGroup : ICollectionFixture<CorpusFixture>
{
    public const string Name = "corpus";
}
