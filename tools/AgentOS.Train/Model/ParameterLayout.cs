namespace AgentOS.Train.Model;

/// <summary>
/// Where each tensor lies in the one flat parameter array. The query, key and value matrices of a
/// block are adjacent, so the three projections are one [3·dim × dim] product; gate and up likewise
/// form one [2·ffn × dim] product. Optimizer, gradient norm and checkpoints see one flat array.
/// </summary>
internal sealed class ParameterLayout
{
    private readonly List<ParameterTensor> tensors = [];

    /// <summary>Builds the layout of <paramref name="config"/> (validated).</summary>
    public ParameterLayout(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        int d = config.Dim, f = config.FfnDim;
        int offset = 0;
        ParameterTensor Add(string name, int rows, int cols, bool decays)
        {
            var tensor = new ParameterTensor(name, offset, rows, cols, decays);
            tensors.Add(tensor);
            offset += tensor.Length;
            return tensor;
        }

        TokenEmbedding = Add("token_embd.weight", config.VocabSize, d, decays: false);
        var layers = new LayerOffsets[config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            string p = $"blk.{l}.";
            var attnNorm = Add(p + "attn_norm.weight", 1, d, decays: false);
            var q = Add(p + "attn_q.weight", d, d, decays: true);
            Add(p + "attn_k.weight", d, d, decays: true);
            Add(p + "attn_v.weight", d, d, decays: true);
            var o = Add(p + "attn_output.weight", d, d, decays: true);
            var ffnNorm = Add(p + "ffn_norm.weight", 1, d, decays: false);
            var gate = Add(p + "ffn_gate.weight", f, d, decays: true);
            Add(p + "ffn_up.weight", f, d, decays: true);
            var down = Add(p + "ffn_down.weight", d, f, decays: true);
            layers[l] = new LayerOffsets(attnNorm.Offset, q.Offset, o.Offset, ffnNorm.Offset, gate.Offset, down.Offset);
        }

        Layers = layers;
        OutputNorm = Add("output_norm.weight", 1, d, decays: false);
        Output = config.TiedEmbeddings ? TokenEmbedding : Add("output.weight", config.VocabSize, d, decays: true);
        Count = offset;
    }

    /// <summary>All tensors in storage order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors => tensors;

    /// <summary>Floats in the flat array.</summary>
    public int Count { get; }

    /// <summary><c>token_embd.weight</c>: [vocab × dim].</summary>
    public ParameterTensor TokenEmbedding { get; }

    /// <summary>Offsets inside each block.</summary>
    public IReadOnlyList<LayerOffsets> Layers { get; }

    /// <summary><c>output_norm.weight</c>: [dim].</summary>
    public ParameterTensor OutputNorm { get; }

    /// <summary>
    /// <c>output.weight</c>: [vocab × dim]; with <see cref="ModelConfig.TiedEmbeddings"/> the embedding's own rows,
    /// whose gradient then sums both uses.
    /// </summary>
    public ParameterTensor Output { get; }

    /// <summary>The tensor called <paramref name="name"/>; throws when there is none.</summary>
    public ParameterTensor this[string name] =>
        tensors.Find(t => t.Name == name) ?? throw new KeyNotFoundException($"The model has no tensor '{name}'.");

    /// <summary>Parameter count of <paramref name="config"/> without building a layout.</summary>
    public static long CountParameters(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long d = config.Dim, f = config.FfnDim, v = config.VocabSize;
        long perLayer = (2 * d) + (4 * d * d) + (3 * d * f);
        return ((config.TiedEmbeddings ? 1 : 2) * v * d) + d + (config.Layers * perLayer);
    }

    /// <summary>Offsets of one block's tensors in the flat array.</summary>
    /// <param name="AttnNorm">attn_norm [dim].</param>
    /// <param name="Qkv">attn_q, attn_k, attn_v back to back: [3·dim × dim].</param>
    /// <param name="AttnOutput">attn_output [dim × dim].</param>
    /// <param name="FfnNorm">ffn_norm [dim].</param>
    /// <param name="GateUp">ffn_gate then ffn_up: [2·ffn × dim].</param>
    /// <param name="Down">ffn_down [dim × ffn].</param>
    internal readonly record struct LayerOffsets(int AttnNorm, int Qkv, int AttnOutput, int FfnNorm, int GateUp, int Down);
}
