using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using AgentOS.Native.Interop;

namespace AgentOS.Native;

/// <summary>
/// A model's vocabulary (<c>llama_vocab*</c>, owned by the model): tokenization, pieces and special tokens.
/// Every call keeps the model alive for its duration; llama.cpp's tokenization is thread-safe.
/// </summary>
public sealed unsafe class LlamaVocabulary
{
    private readonly SafeLlamaModelHandle _model;
    private readonly IntPtr _vocab;

    internal LlamaVocabulary(SafeLlamaModelHandle model, IntPtr vocab)
    {
        _model = model;
        _vocab = vocab;
        Count = NativeMethods.llama_vocab_n_tokens(vocab);
    }

    /// <summary>Number of tokens.</summary>
    public int Count { get; }

    /// <summary>The tokenizer algorithm.</summary>
    public LlamaVocabType Type
    {
        get
        {
            using var lease = new HandleLease(_model);
            return (LlamaVocabType)NativeMethods.llama_vocab_type(_vocab);
        }
    }

    /// <summary>Beginning-of-sequence token, or -1.</summary>
    public int Bos => Read(&NativeMethods.llama_vocab_bos);

    /// <summary>End-of-sequence token, or -1.</summary>
    public int Eos => Read(&NativeMethods.llama_vocab_eos);

    /// <summary>End-of-turn token, or -1.</summary>
    public int Eot => Read(&NativeMethods.llama_vocab_eot);

    /// <summary>Newline token, or -1.</summary>
    public int Newline => Read(&NativeMethods.llama_vocab_nl);

    /// <summary>Padding token, or -1.</summary>
    public int Padding => Read(&NativeMethods.llama_vocab_pad);

    /// <summary>Whether the vocabulary asks for BOS at the start of a text (<c>tokenizer.ggml.add_bos_token</c>).</summary>
    public bool AddsBos
    {
        get
        {
            using var lease = new HandleLease(_model);
            return NativeMethods.llama_vocab_get_add_bos(_vocab);
        }
    }

    /// <summary>Whether the vocabulary asks for EOS at the end of a text.</summary>
    public bool AddsEos
    {
        get
        {
            using var lease = new HandleLease(_model);
            return NativeMethods.llama_vocab_get_add_eos(_vocab);
        }
    }

    /// <summary>The raw vocabulary entry of <paramref name="token"/> (not rendered: byte tokens read like <c>&lt;0x0A&gt;</c>).</summary>
    public string GetText(int token)
    {
        CheckToken(token);
        using var lease = new HandleLease(_model);
        return Marshal.PtrToStringUTF8((IntPtr)NativeMethods.llama_vocab_get_text(_vocab, token)) ?? string.Empty;
    }

    /// <summary>The score of <paramref name="token"/> (merge priority or log probability, by tokenizer).</summary>
    public float GetScore(int token)
    {
        CheckToken(token);
        using var lease = new HandleLease(_model);
        return NativeMethods.llama_vocab_get_score(_vocab, token);
    }

    /// <summary>The attributes of <paramref name="token"/>.</summary>
    public LlamaTokenAttributes GetAttributes(int token)
    {
        CheckToken(token);
        using var lease = new HandleLease(_model);
        return (LlamaTokenAttributes)NativeMethods.llama_vocab_get_attr(_vocab, token);
    }

    /// <summary>Whether <paramref name="token"/> ends generation (EOS, EOT and the like).</summary>
    public bool IsEndOfGeneration(int token)
    {
        if ((uint)token >= (uint)Count)
        {
            return false;
        }

        using var lease = new HandleLease(_model);
        return NativeMethods.llama_vocab_is_eog(_vocab, token);
    }

    /// <summary>Whether <paramref name="token"/> is a control token.</summary>
    public bool IsControl(int token)
    {
        CheckToken(token);
        using var lease = new HandleLease(_model);
        return NativeMethods.llama_vocab_is_control(_vocab, token);
    }

    /// <summary>
    /// Tokenizes UTF-8 text into <paramref name="destination"/>. Returns the token count, or minus the count
    /// needed when <paramref name="destination"/> is too small.
    /// </summary>
    /// <param name="utf8">The text.</param>
    /// <param name="destination">Receives the tokens.</param>
    /// <param name="addSpecial">Add BOS/EOS where the vocabulary asks for them.</param>
    /// <param name="parseSpecial">Let control and special token texts become their tokens; off, they tokenize as plain text.</param>
    public int Tokenize(ReadOnlySpan<byte> utf8, Span<int> destination, bool addSpecial, bool parseSpecial)
    {
        using var lease = new HandleLease(_model);
        fixed (byte* text = utf8)
        fixed (int* tokens = destination)
        {
            var n = NativeMethods.llama_tokenize(_vocab, text, utf8.Length, tokens, destination.Length, addSpecial, parseSpecial);
            if (n == int.MinValue)
            {
                throw new ArgumentException("The text yields more tokens than an int can count.", nameof(utf8));
            }

            return n;
        }
    }

    /// <summary>Tokenizes <paramref name="text"/>; see <see cref="Tokenize(ReadOnlySpan{byte}, Span{int}, bool, bool)"/>.</summary>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var utf8 = ArrayPool<byte>.Shared.Rent(Math.Max(byteCount, 1));
        try
        {
            var bytes = utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8));

            // A token covers at least one byte, plus BOS and EOS.
            var tokens = new int[byteCount + 2];
            var n = Tokenize(bytes, tokens, addSpecial, parseSpecial);
            if (n < 0)
            {
                tokens = new int[-n];
                n = Tokenize(bytes, tokens, addSpecial, parseSpecial);
            }

            return n == tokens.Length ? tokens : tokens.AsSpan(0, n).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// Writes the bytes <paramref name="token"/> stands for (not null-terminated; one token may be part of a
    /// UTF-8 character). Returns the length, or minus the length needed.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <param name="destination">Receives the bytes.</param>
    /// <param name="renderSpecial">Render control tokens as their text; off, they produce nothing.</param>
    public int TokenToPiece(int token, Span<byte> destination, bool renderSpecial)
    {
        CheckToken(token);
        using var lease = new HandleLease(_model);
        fixed (byte* buf = destination)
        {
            return NativeMethods.llama_token_to_piece(_vocab, token, buf, destination.Length, 0, renderSpecial);
        }
    }

    /// <summary>The bytes <paramref name="token"/> stands for; see <see cref="TokenToPiece(int, Span{byte}, bool)"/>.</summary>
    public byte[] TokenToPiece(int token, bool renderSpecial)
    {
        Span<byte> buffer = stackalloc byte[64];
        var n = TokenToPiece(token, buffer, renderSpecial);
        if (n >= 0)
        {
            return buffer[..n].ToArray();
        }

        var large = new byte[-n];
        n = TokenToPiece(token, large, renderSpecial);
        return n == large.Length ? large : large.AsSpan(0, Math.Max(n, 0)).ToArray();
    }

    /// <summary>Turns tokens back into text.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="removeSpecial">Drop BOS/EOS where the vocabulary adds them.</param>
    /// <param name="renderSpecial">Render control tokens as their text.</param>
    public string Detokenize(ReadOnlySpan<int> tokens, bool removeSpecial, bool renderSpecial)
    {
        if (tokens.IsEmpty)
        {
            return string.Empty;
        }

        using var lease = new HandleLease(_model);
        var size = tokens.Length * 8 + 16;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                int n;
                fixed (int* t = tokens)
                fixed (byte* text = buffer)
                {
                    n = NativeMethods.llama_detokenize(_vocab, t, tokens.Length, text, buffer.Length, removeSpecial, renderSpecial);
                }

                if (n >= 0)
                {
                    return Encoding.UTF8.GetString(buffer, 0, n);
                }

                size = -n;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        throw new LlamaNativeException("llama_detokenize kept asking for a larger buffer.");
    }

    internal IntPtr DangerousGetPointer() => _vocab;

    internal SafeLlamaModelHandle Model => _model;

    private int Read(delegate*<IntPtr, int> read)
    {
        using var lease = new HandleLease(_model);
        return read(_vocab);
    }

    private void CheckToken(int token)
    {
        // llama.cpp indexes its token table without a bounds check on these paths.
        if ((uint)token >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(token), token, $"Token ids run from 0 to {Count - 1}.");
        }
    }
}
