using System.Text;
using AgentOS.Kernel.Formats;
using AgentOS.Kernel.Runs;

namespace AgentOS.Kernel.Tests.Fakes;

/// <summary>
/// A hand-written model for the loop's control flow: each assistant turn writes the next scripted output, token by
/// token (one token per character; markers as special tokens), then its end-of-turn token. Records every append.
/// </summary>
internal sealed class FakeModel : IAgentModel, IAgentVocabulary
{
    private readonly CharTokenizer _tokenizer;
    private readonly Queue<ScriptedTurn> _turns;

    public FakeModel(params ScriptedTurn[] turns)
    {
        _tokenizer = new CharTokenizer(ToolCallFormats.Hermes.Markers);
        _turns = new Queue<ScriptedTurn>(turns);
        EndOfTurnToken = _tokenizer.TokenOf(HermesToolCallFormat.ImEnd);
    }

    public int EndOfTurnToken { get; }

    public string? ChatTemplate { get; init; } = "<|im_start|>{{ message }}<|im_end|> <tool_call>";

    public IAgentVocabulary Vocabulary => this;

    public int? StartToken => null;

    public int Capacity { get; init; } = 100_000;

    /// <summary>Delay before each sampled token (to test time budgets and cancellation).</summary>
    public TimeSpan TokenDelay { get; init; }

    public List<FakeSequence> Sequences { get; } = [];

    public List<AgentSamplingOptions> SamplerOptions { get; } = [];

    public CharTokenizer Tokenizer => _tokenizer;

    public ValueTask<IAgentSequence> OpenSequenceAsync(CancellationToken cancellationToken)
    {
        var sequence = new FakeSequence(this);
        Sequences.Add(sequence);
        return ValueTask.FromResult<IAgentSequence>(sequence);
    }

    public IAgentSampler CreateSampler(AgentSamplingOptions options)
    {
        SamplerOptions.Add(options);
        var turn = _turns.Count > 0 ? _turns.Dequeue() : ScriptedTurn.Text("(script ended)");
        var tokens = new List<int>();
        foreach (var (text, special) in turn.Pieces)
        {
            tokens.AddRange(_tokenizer.Tokenize(text, parseSpecial: special));
        }

        return new FakeSampler(tokens);
    }

    public IReadOnlyList<int> Tokenize(string text, bool parseSpecial) => _tokenizer.Tokenize(text, parseSpecial);

    public bool IsEndOfGeneration(int token) => token == EndOfTurnToken;

    public bool IsSpecial(int token) => CharTokenizer.IsSpecial(token);

    public byte[] TokenBytes(int token) => Encoding.UTF8.GetBytes(_tokenizer.Piece(token));

    public int? FindSpecialToken(string text) => _tokenizer.Specials.Contains(text) ? _tokenizer.TokenOf(text) : null;

    internal sealed class FakeSampler(List<int> tokens) : IAgentSampler
    {
        private int _next;

        public bool Disposed { get; private set; }

        public int Next(int endOfTurn) => _next < tokens.Count ? tokens[_next++] : endOfTurn;

        public void Dispose() => Disposed = true;
    }

    internal sealed class FakeSequence(FakeModel model) : IAgentSequence
    {
        public List<int> Tokens { get; } = [];

        public List<IReadOnlyList<int>> Appends { get; } = [];

        public bool Disposed { get; private set; }

        public int Length => Tokens.Count;

        public int Capacity => model.Capacity;

        public ValueTask AppendAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Appends.Add([.. tokens]);
            Tokens.AddRange(tokens);
            return ValueTask.CompletedTask;
        }

        public async ValueTask<int> SampleAsync(IAgentSampler sampler, CancellationToken cancellationToken)
        {
            if (model.TokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(model.TokenDelay, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return ((FakeSampler)sampler).Next(model.EndOfTurnToken);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>What the fake model writes in one turn: pieces of text and markers.</summary>
internal sealed record ScriptedTurn(IReadOnlyList<(string Text, bool Special)> Pieces)
{
    /// <summary>Plain text (special parsing off: marker text in it stays text).</summary>
    public static ScriptedTurn Text(string text) => new([(text, false)]);

    /// <summary>A Hermes call with its markers as special tokens.</summary>
    public static ScriptedTurn Call(string json) => new([("<tool_call>", true), ("\n" + json + "\n", false), ("</tool_call>", true)]);

    /// <summary>Several calls in one turn.</summary>
    public static ScriptedTurn Calls(params string[] jsons) =>
        new(jsons.SelectMany((j, i) => new[] { (i == 0 ? string.Empty : "\n", false), ("<tool_call>", true), ("\n" + j + "\n", false), ("</tool_call>", true) }).ToList());

    /// <summary>Pieces given explicitly.</summary>
    public static ScriptedTurn Of(params (string Text, bool Special)[] pieces) => new(pieces);
}
