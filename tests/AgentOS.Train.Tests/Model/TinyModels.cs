using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Model;

/// <summary>Small models and random batches shared by the model tests.</summary>
internal static class TinyModels
{
    /// <summary>Head width 6 (not a multiple of the 8-float vectors) exercises the scalar tails of every kernel.</summary>
    public static ModelConfig Odd => new(VocabSize: 13, Dim: 12, Layers: 2, Heads: 2, FfnDim: 20, ContextLength: 40);

    /// <summary>Head width 8 and a dimension of 16 exercise the vector paths.</summary>
    public static ModelConfig Even => new(VocabSize: 17, Dim: 32, Layers: 2, Heads: 4, FfnDim: 24, ContextLength: 40);

    /// <summary>A model whose weights have a larger spread than a fresh one, so every gradient is far from zero.</summary>
    public static Transformer Random(ModelConfig config, ulong seed, float std = 0.3f)
    {
        var model = new Transformer(config);
        var random = new DeterministicRandom(seed, stream: 7);
        foreach (var tensor in model.Layout.Tensors)
        {
            var values = tensor.Of(model.Weights);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((tensor.Rows == 1 ? 1.0 : 0.0) + (random.NextGaussian() * std));
            }
        }

        return model;
    }

    /// <summary>
    /// Random sequences that all begin with the same <paramref name="prefix"/> tokens (as transcripts begin with
    /// the same system turn), with targets inside the prefix too, so shared prefix rows are scored several times.
    /// </summary>
    public static List<TrainingSequence> WithSharedPrefix(ModelConfig config, ulong seed, int prefix, params int[] lengths)
    {
        var sequences = Sequences(config, seed, lengths);
        var common = Sequences(config, seed + 100, prefix + 1)[0];
        foreach (var sequence in sequences)
        {
            Array.Copy(common.Tokens, sequence.Tokens, prefix);
            sequence.Targets[prefix / 2] = true;
        }

        // Make sure the sequences part right after the prefix (the generator could repeat a token by chance).
        for (int s = 0; s < sequences.Count; s++)
        {
            sequences[s].Tokens[prefix] = s % config.VocabSize;
        }

        return sequences;
    }

    /// <summary>Random sequences of the given lengths; about half the tokens after the first are targets.</summary>
    public static List<TrainingSequence> Sequences(ModelConfig config, ulong seed, params int[] lengths)
    {
        var random = new DeterministicRandom(seed, stream: 9);
        var sequences = new List<TrainingSequence>();
        foreach (int length in lengths)
        {
            var tokens = new int[length];
            var targets = new bool[length];
            for (int i = 0; i < length; i++)
            {
                tokens[i] = random.NextInt(config.VocabSize);
                targets[i] = i > 0 && random.NextInt(2) == 0;
            }

            targets[length - 1] = true;
            sequences.Add(new TrainingSequence(tokens, targets));
        }

        return sequences;
    }
}
