namespace AgentOS.Train.Model;

/// <summary>
/// A toy task that only attention can solve: <c>BOS d₁ … dₙ SEP d₁ … dₙ EOS</c> with random digits; the
/// model is trained on the part after SEP. Copying numbers (from a question into a tool call, from a
/// tool result into an answer) is exactly what llama.cpp's own trainer never learned, so this task is
/// the trainer's smoke test.
/// </summary>
internal static class CopyTask
{
    /// <summary>Token ids: the digits are 0–9.</summary>
    public const int Separator = 10;

    /// <summary>Begin-of-sequence token.</summary>
    public const int Begin = 11;

    /// <summary>End-of-sequence token.</summary>
    public const int End = 12;

    /// <summary>Vocabulary size of the task.</summary>
    public const int VocabSize = 13;

    /// <summary><paramref name="count"/> random sequences with digit strings of <paramref name="minDigits"/>…<paramref name="maxDigits"/> digits.</summary>
    public static List<TrainingSequence> Generate(ulong seed, int count, int minDigits, int maxDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minDigits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, minDigits);
        var random = new DeterministicRandom(seed, stream: 77);
        var sequences = new List<TrainingSequence>(count);
        for (int s = 0; s < count; s++)
        {
            int n = minDigits + random.NextInt(maxDigits - minDigits + 1);
            var tokens = new int[(2 * n) + 3];
            var targets = new bool[tokens.Length];
            tokens[0] = Begin;
            for (int i = 0; i < n; i++)
            {
                tokens[1 + i] = random.NextInt(10);
                tokens[n + 2 + i] = tokens[1 + i];
                targets[n + 2 + i] = true;
            }

            tokens[n + 1] = Separator;
            tokens[^1] = End;
            targets[^1] = true;
            sequences.Add(new TrainingSequence(tokens, targets));
        }

        return sequences;
    }

    /// <summary>
    /// Fraction of <paramref name="sequences"/> whose whole answer (digits and EOS) the model writes
    /// exactly when decoding greedily from the prompt up to and including SEP.
    /// </summary>
    public static double ExactMatchRate(Transformer model, IReadOnlyList<TrainingSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequences);
        int right = 0;
        foreach (var sequence in sequences)
        {
            int promptLength = Array.IndexOf(sequence.Tokens, Separator) + 1;
            var expected = sequence.Tokens[promptLength..];
            var written = Greedy(model, sequence.Tokens[..promptLength], expected.Length);
            right += written.AsSpan().SequenceEqual(expected) ? 1 : 0;
        }

        return (double)right / sequences.Count;
    }

    /// <summary>
    /// Greedy continuation of <paramref name="prompt"/> by <paramref name="count"/> tokens, recomputing
    /// the whole sequence for every token: fine for toy sequences, the real model decodes in llama.cpp.
    /// </summary>
    public static int[] Greedy(Transformer model, int[] prompt, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        var tokens = new List<int>(prompt);
        int vocab = model.Config.VocabSize;
        for (int k = 0; k < count; k++)
        {
            var logits = model.Logits(TrainingBatch.ForInference([.. tokens], model.Config));
            var last = logits.AsSpan((tokens.Count - 1) * vocab, vocab);
            tokens.Add(System.Numerics.Tensors.TensorPrimitives.IndexOfMax(last));
        }

        return [.. tokens.Skip(prompt.Length)];
    }
}
