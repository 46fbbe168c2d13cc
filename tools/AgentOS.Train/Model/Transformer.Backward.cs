namespace AgentOS.Train.Model;

internal sealed unsafe partial class Transformer
{
    /// <summary>
    /// Backward pass over the activations of the last <see cref="Forward"/>, starting from the logit
    /// gradient left in the logits buffer; adds every parameter gradient to <paramref name="grads"/>.
    /// </summary>
    /// <remarks>
    /// Every product has the form C = A·Bᵀ with both operands along the reduction axis: dX = dY·W takes
    /// Wᵀ (transposed once per pass), and dW += dYᵀ·X takes both activations transposed, so each weight
    /// gradient is one dot product over the batch's tokens.
    /// </remarks>
    private void Backward(TrainingBatch batch, float* grads)
    {
        var c = Config;
        int t = batch.TokenCount, d = c.Dim, f = c.FfnDim, v = c.VocabSize, rows = batch.LogitRows.Length;
        buffers.Ensure(t, rows, backward: true);
        var b = buffers;
        float* w = Ops.Ptr(Weights);
        Timing?.Start();
        TransposeWeights(w);
        Timing?.Lap("transpose weights");

        float* ta = Ops.Ptr(b.TransposedA);
        float* tb = Ops.Ptr(b.TransposedB);
        float* dNormed = Ops.Ptr(b.DNormed);
        float* dResidual = Ops.Ptr(b.DResidual);

        // Head: logits = norm(x)·Woutᵀ.
        float* dLogits = Ops.Ptr(b.Logits);
        float* headNormed = Ops.Ptr(b.HeadNormed);
        Ops.Transpose(dLogits, v, ta, rows, rows, v);
        Timing?.Lap("backward transposes");
        Ops.Transpose(headNormed, d, tb, rows, rows, d);
        Timing?.Lap("backward transposes");
        MatMul.Parallel(ta, rows, tb, rows, grads + Layout.Output.Offset, d, v, d, rows, accumulate: true);
        Timing?.Lap("backward dW");
        MatMul.Parallel(dLogits, v, Ops.Ptr(b.OutputT), v, dNormed, d, rows, d, v, accumulate: false);
        Timing?.Lap("backward dX");

        new Span<float>(dResidual, t * d).Clear();
        float* headInput = Ops.Ptr(b.HeadInput);
        float* dHead = Ops.Ptr(b.DQkv); // R×d of scratch: DQkv (T×3d) is unused until the first block's attention.
        new Span<float>(dHead, rows * d).Clear();
        Ops.RmsNormBackward(headInput, w + Layout.OutputNorm.Offset, Ops.Ptr(b.HeadInvRms), dNormed, dHead, grads + Layout.OutputNorm.Offset, rows, d);
        Timing?.Lap("backward norms");
        for (int r = 0; r < rows; r++)
        {
            // Added, not copied: a shared-prefix row may be scored by several sequences.
            var target = new Span<float>(dResidual + ((long)batch.LogitRows[r] * d), d);
            System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<float>(dHead + ((long)r * d), d), target);
        }

        float* normed = Ops.Ptr(b.Normed);
        float* hidden = Ops.Ptr(b.Hidden);
        float* dHidden = Ops.Ptr(b.DHidden);
        float* dGateUp = Ops.Ptr(b.DGateUp);
        float* dQkv = Ops.Ptr(b.DQkv);
        float* dAttention = Ops.Ptr(b.DAttention);
        for (int l = c.Layers - 1; l >= 0; l--)
        {
            var o = Layout.Layers[l];
            var wt = b.WeightsT[l];
            float* x = Ops.Ptr(b.Residual[l]);
            float* x2 = Ops.Ptr(b.Residual2[l]);
            float* gateUp = Ops.Ptr(b.GateUp[l]);
            float* qkv = Ops.Ptr(b.Qkv[l]);
            float* attention = Ops.Ptr(b.Attention[l]);

            // Feed-forward: next = x2 + swiglu(norm(x2)·Wguᵀ)·Wdownᵀ. dResidual holds ∂L/∂next.
            Ops.SwiGlu(gateUp, hidden, t, f);
            Timing?.Lap("swiglu");
            Ops.Transpose(dResidual, d, ta, t, t, d);
            Timing?.Lap("backward transposes");
            Ops.Transpose(hidden, f, tb, t, t, f);
            Timing?.Lap("backward transposes");
            MatMul.Parallel(ta, t, tb, t, grads + o.Down, f, d, f, t, accumulate: true);
            Timing?.Lap("backward dW");
            MatMul.Parallel(dResidual, d, Ops.Ptr(wt.Down), d, dHidden, f, t, f, d, accumulate: false);
            Timing?.Lap("backward dX");
            Ops.SwiGluBackward(gateUp, dHidden, dGateUp, t, f);
            Timing?.Lap("swiglu");
            Ops.RmsNorm(x2, w + o.FfnNorm, normed, Ops.Ptr(b.InvRms2[l]), t, d, c.NormEps);
            Timing?.Lap("backward norms");
            Ops.Transpose(dGateUp, 2 * f, ta, t, t, 2 * f);
            Timing?.Lap("backward transposes");
            Ops.Transpose(normed, d, tb, t, t, d);
            Timing?.Lap("backward transposes");
            MatMul.Parallel(ta, t, tb, t, grads + o.GateUp, d, 2 * f, d, t, accumulate: true);
            Timing?.Lap("backward dW");
            MatMul.Parallel(dGateUp, 2 * f, Ops.Ptr(wt.GateUp), 2 * f, dNormed, d, t, d, 2 * f, accumulate: false);
            Timing?.Lap("backward dX");
            Ops.RmsNormBackward(x2, w + o.FfnNorm, Ops.Ptr(b.InvRms2[l]), dNormed, dResidual, grads + o.FfnNorm, t, d);
            Timing?.Lap("backward norms");

            // Attention: x2 = x + attention(norm(x))·Woᵀ. dResidual now holds ∂L/∂x2.
            Ops.Transpose(dResidual, d, ta, t, t, d);
            Timing?.Lap("backward transposes");
            Ops.Transpose(attention, d, tb, t, t, d);
            Timing?.Lap("backward transposes");
            MatMul.Parallel(ta, t, tb, t, grads + o.AttnOutput, d, d, d, t, accumulate: true);
            Timing?.Lap("backward dW");
            MatMul.Parallel(dResidual, d, Ops.Ptr(wt.AttnOutput), d, dAttention, d, t, d, d, accumulate: false);
            Timing?.Lap("backward dX");
            AttentionBackward(batch, qkv, Ops.Ptr(b.LogSumExp[l]), dAttention, dQkv);
            Timing?.Lap("backward attention");
            RotateQueriesAndKeys(batch, dQkv, inverse: true);
            Timing?.Lap("rope");
            Ops.RmsNorm(x, w + o.AttnNorm, normed, Ops.Ptr(b.InvRms1[l]), t, d, c.NormEps);
            Timing?.Lap("backward norms");
            Ops.Transpose(dQkv, 3 * d, ta, t, t, 3 * d);
            Timing?.Lap("backward transposes");
            Ops.Transpose(normed, d, tb, t, t, d);
            Timing?.Lap("backward transposes");
            MatMul.Parallel(ta, t, tb, t, grads + o.Qkv, d, 3 * d, d, t, accumulate: true);
            Timing?.Lap("backward dW");
            MatMul.Parallel(dQkv, 3 * d, Ops.Ptr(wt.Qkv), 3 * d, dNormed, d, t, d, 3 * d, accumulate: false);
            Timing?.Lap("backward dX");
            Ops.RmsNormBackward(x, w + o.AttnNorm, Ops.Ptr(b.InvRms1[l]), dNormed, dResidual, grads + o.AttnNorm, t, d);
            Timing?.Lap("backward norms");
        }

        // Embedding: rows in token order on one thread, so repeated tokens always sum the same way.
        float* dEmbedding = grads + Layout.TokenEmbedding.Offset;
        for (int i = 0; i < t; i++)
        {
            var target = new Span<float>(dEmbedding + ((long)batch.Tokens[i] * d), d);
            System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<float>(dResidual + ((long)i * d), d), target);
        }

        Timing?.Lap("embedding");
    }

    /// <summary>Transposes every weight matrix once per backward pass (dX = dY·W needs W along its output axis).</summary>
    private void TransposeWeights(float* w)
    {
        int d = Config.Dim, f = Config.FfnDim;
        for (int l = 0; l < Config.Layers; l++)
        {
            var o = Layout.Layers[l];
            var wt = buffers.WeightsT[l];
            Ops.Transpose(w + o.Qkv, d, Ops.Ptr(wt.Qkv), 3 * d, 3 * d, d);
            Ops.Transpose(w + o.AttnOutput, d, Ops.Ptr(wt.AttnOutput), d, d, d);
            Ops.Transpose(w + o.GateUp, d, Ops.Ptr(wt.GateUp), 2 * f, 2 * f, d);
            Ops.Transpose(w + o.Down, f, Ops.Ptr(wt.Down), d, d, f);
        }

        Ops.Transpose(w + Layout.Output.Offset, d, Ops.Ptr(buffers.OutputT), Config.VocabSize, Config.VocabSize, d);
    }
}
