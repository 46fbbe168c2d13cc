using System.Text;
using AgentOS.Inference;
using AgentOS.Kernel.Formats;

namespace AgentOS.Train.Eval;

/// <summary>
/// Generates assistant turns with llama.cpp through the engine: one sequence whose cached prefix (the system turn,
/// the earlier turns) is reused from prompt to prompt, greedy sampling, prompts tokenized by llama.cpp itself.
/// </summary>
public sealed class LlamaTurnGenerator : ITurnGenerator, IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly LlamaSequence _sequence;

    private LlamaTurnGenerator(LlamaModel model, LlamaContext context)
    {
        _model = model;
        _context = context;
        _sequence = context.CreateSequence();
        Tokenizer = new LlamaTextTokenizer(model.Tokenizer);
    }

    /// <inheritdoc />
    public ITextTokenizer Tokenizer { get; }

    /// <inheritdoc />
    public int? Bos => _model.Tokenizer.StartToken;

    /// <summary>Loads the model at <paramref name="path"/> with a context of <paramref name="contextSize"/> tokens.</summary>
    public static LlamaTurnGenerator Load(string path, int contextSize, int threads)
    {
        var model = LlamaModel.Load(path);
        try
        {
            var context = model.CreateContext(new ContextOptions { ContextSize = contextSize, MaxSequences = 1, Threads = threads, BatchThreads = threads });
            return new LlamaTurnGenerator(model, context);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<GeneratedPiece> Generate(IReadOnlyList<int> prompt, int maxTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        _sequence.Prefill(prompt.ToArray(), cancellationToken);
        var result = _sequence.Generate(new SamplingOptions { Temperature = 0, MaxTokens = maxTokens }, cancellationToken);
        var tokenizer = _model.Tokenizer;
        var pieces = new List<GeneratedPiece>();
        var text = new List<byte>();
        foreach (var token in result.Tokens)
        {
            if (!tokenizer.IsControl(token))
            {
                text.AddRange(tokenizer.TokenToBytes(token));
                continue;
            }

            Flush();
            pieces.Add(GeneratedPiece.OfSpecial(tokenizer.TokenToPiece(token, renderSpecial: true)));
        }

        Flush();
        return pieces;

        // Bytes of one UTF-8 character may span byte tokens: decode runs of ordinary tokens together.
        void Flush()
        {
            if (text.Count > 0)
            {
                pieces.Add(GeneratedPiece.OfText(Encoding.UTF8.GetString([.. text])));
                text.Clear();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sequence.Dispose();
        _context.Dispose();
        _model.Dispose();
    }

    /// <summary>llama.cpp's tokenizer as the kernel's tokenizer interface.</summary>
    private sealed class LlamaTextTokenizer(LlamaTokenizer tokenizer) : ITextTokenizer
    {
        public IReadOnlyList<int> Tokenize(string text, bool parseSpecial) => tokenizer.Tokenize(text, addBos: false, parseSpecial);
    }
}
