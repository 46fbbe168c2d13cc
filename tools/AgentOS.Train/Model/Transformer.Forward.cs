namespace AgentOS.Train.Model;

internal sealed unsafe partial class Transformer
{
    private void Forward(TrainingBatch batch)
    {
        var c = Config;
        int t = batch.TokenCount, d = c.Dim, f = c.FfnDim, rows = batch.LogitRows.Length;
        if (batch.Tokens.Any(token => (uint)token >= (uint)c.VocabSize) || batch.Positions.Any(p => p >= c.ContextLength))
        {
            throw new ArgumentException("The batch was built for another model: a token or a position is out of range.", nameof(batch));
        }

        buffers.Ensure(t, rows, backward: false);
        var b = buffers;
        float* w = Ops.Ptr(Weights);

        Timing?.Start();
        float* x0 = Ops.Ptr(b.Residual[0]);
        float* embedding = w + Layout.TokenEmbedding.Offset;
        for (int i = 0; i < t; i++)
        {
            new ReadOnlySpan<float>(embedding + ((long)batch.Tokens[i] * d), d).CopyTo(new Span<float>(x0 + ((long)i * d), d));
        }

        float* normed = Ops.Ptr(b.Normed);
        float* hidden = Ops.Ptr(b.Hidden);
        for (int l = 0; l < c.Layers; l++)
        {
            var o = Layout.Layers[l];
            float* x = Ops.Ptr(b.Residual[l]);
            float* qkv = Ops.Ptr(b.Qkv[l]);
            float* attention = Ops.Ptr(b.Attention[l]);
            float* x2 = Ops.Ptr(b.Residual2[l]);
            float* gateUp = Ops.Ptr(b.GateUp[l]);
            float* next = Ops.Ptr(b.Residual[l + 1]);

            Ops.RmsNorm(x, w + o.AttnNorm, normed, Ops.Ptr(b.InvRms1[l]), t, d, c.NormEps);
            Timing?.Lap("forward norms");
            MatMul.Parallel(normed, d, w + o.Qkv, d, qkv, 3 * d, t, 3 * d, d, accumulate: false);
            Timing?.Lap("forward linear");
            RotateQueriesAndKeys(batch, qkv, inverse: false);
            Timing?.Lap("rope");
            AttentionForward(batch, qkv, Ops.Ptr(b.LogSumExp[l]), attention);
            Timing?.Lap("forward attention");
            new ReadOnlySpan<float>(x, t * d).CopyTo(new Span<float>(x2, t * d));
            MatMul.Parallel(attention, d, w + o.AttnOutput, d, x2, d, t, d, d, accumulate: true);
            Timing?.Lap("forward linear");

            Ops.RmsNorm(x2, w + o.FfnNorm, normed, Ops.Ptr(b.InvRms2[l]), t, d, c.NormEps);
            Timing?.Lap("forward norms");
            MatMul.Parallel(normed, d, w + o.GateUp, d, gateUp, 2 * f, t, 2 * f, d, accumulate: false);
            Timing?.Lap("forward linear");
            Ops.SwiGlu(gateUp, hidden, t, f);
            Timing?.Lap("swiglu");
            new ReadOnlySpan<float>(x2, t * d).CopyTo(new Span<float>(next, t * d));
            MatMul.Parallel(hidden, f, w + o.Down, f, next, d, t, d, f, accumulate: true);
            Timing?.Lap("forward linear");
        }

        // Only the rows that are scored go through the head: with a loss on the assistant's tokens
        // alone, this skips the vocabulary-wide product for most of the prompt.
        float* final = Ops.Ptr(b.Residual[c.Layers]);
        float* headInput = Ops.Ptr(b.HeadInput);
        for (int r = 0; r < rows; r++)
        {
            new ReadOnlySpan<float>(final + ((long)batch.LogitRows[r] * d), d).CopyTo(new Span<float>(headInput + ((long)r * d), d));
        }

        float* headNormed = Ops.Ptr(b.HeadNormed);
        Ops.RmsNorm(headInput, w + Layout.OutputNorm.Offset, headNormed, Ops.Ptr(b.HeadInvRms), rows, d, c.NormEps);
        MatMul.Parallel(headNormed, d, w + Layout.Output.Offset, d, Ops.Ptr(b.Logits), c.VocabSize, rows, c.VocabSize, d, accumulate: false);
        Timing?.Lap("head");
    }

    /// <summary>Rotates (or, backward, un-rotates) the query and key parts of every row of a [T × 3d] block.</summary>
    private void RotateQueriesAndKeys(TrainingBatch batch, float* qkv, bool inverse)
    {
        int d = Config.Dim, heads = Config.Heads, headDim = Config.HeadDim;
        nint p = (nint)qkv;
        int[] positions = batch.Positions;
        Workers.ForRanges(batch.TokenCount, 128, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                float* row = (float*)p + ((long)i * 3 * d);
                rope.Apply(row, heads, headDim, positions[i], inverse);
                rope.Apply(row + d, heads, headDim, positions[i], inverse);
            }
        });
    }
}
