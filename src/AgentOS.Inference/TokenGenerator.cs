using System.Text;

namespace AgentOS.Inference;

/// <summary>
/// The generation loop shared by <see cref="LlamaSequence.Generate(SamplingPipeline, CancellationToken)"/>,
/// streaming and the chat client: sample, stop on end-of-generation, decode the token into the sequence,
/// turn its bytes into whole characters, hold back possible stop text.
/// </summary>
internal sealed class TokenGenerator
{
    private readonly LlamaSequence _sequence;
    private readonly SamplingPipeline _sampler;
    private readonly LlamaTokenizer _tokenizer;
    private readonly StopSequenceMatcher _stops;

    // A Decoder keeps the bytes of an incomplete UTF-8 character until its next token completes it.
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly char[] _chars = new char[256];
    private int _generated;
    private bool _finished;

    public TokenGenerator(LlamaSequence sequence, SamplingPipeline sampler)
    {
        _sequence = sequence;
        _sampler = sampler;
        _tokenizer = sequence.Context.Model.Tokenizer;
        _stops = new StopSequenceMatcher(sampler.StopSequences);
    }

    /// <summary>Generates one token and returns what it released; the chunk with a finish reason is the last.</summary>
    public GenerationChunk Next(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            throw new InvalidOperationException("Generation has finished.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_generated >= _sampler.MaxTokens)
        {
            return Finish(FinishReason.MaxTokens, []);
        }

        if (_sequence.Length >= _sequence.Context.SequenceContextSize)
        {
            return Finish(FinishReason.ContextFull, []);
        }

        var token = _sampler.Sample(_sequence, cancellationToken);
        if (_tokenizer.IsEndOfGeneration(token))
        {
            return Finish(FinishReason.EndOfGeneration, []);
        }

        _generated++;
        _sequence.Append(token, cancellationToken);
        var text = DecodeBytes(_tokenizer.TokenToBytes(token, _sampler.RenderSpecialTokens), flush: false);
        var (released, stopped) = _stops.Push(text);
        if (stopped)
        {
            _finished = true;
            return new GenerationChunk(released, [token], FinishReason.StopSequence);
        }

        return new GenerationChunk(released, [token], null);
    }

    private GenerationChunk Finish(FinishReason reason, int[] tokens)
    {
        _finished = true;
        var tail = DecodeBytes([], flush: true);
        var (released, _) = _stops.Push(tail);
        return new GenerationChunk(released + _stops.Flush(), tokens, reason);
    }

    private string DecodeBytes(byte[] bytes, bool flush)
    {
        var count = _utf8.GetCharCount(bytes, flush);
        var chars = count <= _chars.Length ? _chars : new char[count];
        var written = _utf8.GetChars(bytes, 0, bytes.Length, chars, 0, flush);
        return new string(chars, 0, written);
    }
}
