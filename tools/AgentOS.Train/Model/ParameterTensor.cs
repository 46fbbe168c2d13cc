namespace AgentOS.Train.Model;

/// <summary>
/// One named weight tensor inside the flat parameter array: <see cref="Rows"/> × <see cref="Columns"/>
/// floats, row-major, from <see cref="Offset"/>. A row-major [rows × columns] matrix is exactly what
/// llama.cpp stores for a GGUF tensor of shape ne = [columns, rows], so it is written as it is.
/// </summary>
/// <param name="Name">GGUF tensor name, e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Offset">First float in the flat parameter array.</param>
/// <param name="Rows">Rows (the output dimension of a linear map; 1 for a norm vector).</param>
/// <param name="Columns">Columns (the input dimension).</param>
/// <param name="Decays">Whether AdamW's weight decay applies (matrices yes; norms and embeddings no).</param>
internal sealed record ParameterTensor(string Name, int Offset, int Rows, int Columns, bool Decays)
{
    /// <summary>Number of floats.</summary>
    public int Length => Rows * Columns;

    /// <summary>The tensor's floats inside <paramref name="flat"/>.</summary>
    public Span<float> Of(float[] flat) => flat.AsSpan(Offset, Length);
}
