using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace AgentOS.Train.Model;

internal sealed unsafe partial class Transformer
{
    /// <summary>Rows per causal tile: scores are computed only up to the end of the tile's last row.</summary>
    private const int CausalTile = 16;

    private readonly ConcurrentBag<AttentionScratch> scratchPool = [];

    /// <summary>
    /// Causal softmax attention of every (sequence, head) pair; each pair writes only its own rows and
    /// head columns, so pairs run in parallel without changing any result.
    /// </summary>
    private void AttentionForward(TrainingBatch batch, float* qkv, float* logSumExp, float* output)
    {
        int heads = Config.Heads;
        nint pq = (nint)qkv, pl = (nint)logSumExp, po = (nint)output;
        Workers.For(batch.SequenceCount * heads, pair =>
        {
            int s = pair / heads, h = pair % heads;
            int start = batch.SequenceStarts[s], length = batch.SequenceStarts[s + 1] - start;
            var scratch = RentScratch(length);
            try
            {
                AttentionForwardHead((float*)pq, (float*)pl, (float*)po, start, length, h, scratch);
            }
            finally
            {
                scratchPool.Add(scratch);
            }
        });
    }

    private void AttentionBackward(TrainingBatch batch, float* qkv, float* logSumExp, float* dOutput, float* dQkv)
    {
        int heads = Config.Heads;
        nint pq = (nint)qkv, pl = (nint)logSumExp, pdo = (nint)dOutput, pdq = (nint)dQkv;
        Workers.For(batch.SequenceCount * heads, pair =>
        {
            int s = pair / heads, h = pair % heads;
            int start = batch.SequenceStarts[s], length = batch.SequenceStarts[s + 1] - start;
            var scratch = RentScratch(length);
            try
            {
                AttentionBackwardHead((float*)pq, (float*)pl, (float*)pdo, (float*)pdq, start, length, h, scratch);
            }
            finally
            {
                scratchPool.Add(scratch);
            }
        });
    }

    private void AttentionForwardHead(float* qkv, float* logSumExp, float* output, int start, int length, int h, AttentionScratch scratch)
    {
        int d = Config.Dim, hd = Config.HeadDim, ld = 3 * d, heads = Config.Heads;
        float scale = 1f / MathF.Sqrt(hd);
        float* q = qkv + ((long)start * ld) + (h * hd);
        float* k = q + d;
        float* v = q + (2 * d);
        float* p = Ops.Ptr(scratch.Scores);
        float* kt = Ops.Ptr(scratch.HeadA);
        float* o = output + ((long)start * d) + (h * hd);
        int n = length;

        // Products over the head width (short) use the broadcast kernel against Kᵀ; products over
        // positions (long) use it against V directly.
        Ops.TransposeBlock(k, ld, kt, n, 0, n, hd);
        for (int i0 = 0; i0 < n; i0 += CausalTile)
        {
            int m = Math.Min(CausalTile, n - i0), cols = Math.Min(i0 + CausalTile, n);
            MatMul.BlockNN(q + ((long)i0 * ld), ld, kt, n, p + ((long)i0 * n), n, m, cols, hd, accumulate: false);
            for (int i = i0; i < i0 + m; i++)
            {
                var row = new Span<float>(p + ((long)i * n), i + 1);
                TensorPrimitives.Multiply(row, scale, row);
                float max = TensorPrimitives.Max(row);
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp(row, row);
                float sum = TensorPrimitives.Sum(row);
                TensorPrimitives.Multiply(row, 1f / sum, row);
                logSumExp[((long)(start + i) * heads) + h] = max + MathF.Log(sum);
                new Span<float>(p + ((long)i * n) + i + 1, cols - i - 1).Clear();
            }

            MatMul.BlockNN(p + ((long)i0 * n), n, v, ld, o + ((long)i0 * d), d, m, hd, cols, accumulate: false);
        }
    }

    private void AttentionBackwardHead(
        float* qkv, float* logSumExp, float* dOutput, float* dQkv, int start, int length, int h, AttentionScratch scratch)
    {
        int d = Config.Dim, hd = Config.HeadDim, ld = 3 * d, heads = Config.Heads;
        float scale = 1f / MathF.Sqrt(hd);
        float* q = qkv + ((long)start * ld) + (h * hd);
        float* k = q + d;
        float* v = q + (2 * d);
        float* dO = dOutput + ((long)start * d) + (h * hd);
        float* dq = dQkv + ((long)start * ld) + (h * hd);
        float* dk = dq + d;
        float* dv = dq + (2 * d);
        float* p = Ops.Ptr(scratch.Scores);
        float* ds = Ops.Ptr(scratch.DScores);
        float* pt = Ops.Ptr(scratch.ScoresT);
        float* dst = Ops.Ptr(scratch.DScoresT);
        float* kt = Ops.Ptr(scratch.HeadA);
        float* vt = Ops.Ptr(scratch.HeadB);
        int n = length;

        Ops.TransposeBlock(k, ld, kt, n, 0, n, hd);
        Ops.TransposeBlock(v, ld, vt, n, 0, n, hd);
        for (int i0 = 0; i0 < n; i0 += CausalTile)
        {
            int m = Math.Min(CausalTile, n - i0), cols = Math.Min(i0 + CausalTile, n);

            // P again, from the saved log-sum-exp; then dP = dO·Vᵀ and dS = P ⊙ (dP − Σ P⊙dP) · scale.
            MatMul.BlockNN(q + ((long)i0 * ld), ld, kt, n, p + ((long)i0 * n), n, m, cols, hd, accumulate: false);
            MatMul.BlockNN(dO + ((long)i0 * d), d, vt, n, ds + ((long)i0 * n), n, m, cols, hd, accumulate: false);
            for (int i = i0; i < i0 + m; i++)
            {
                var pr = new Span<float>(p + ((long)i * n), i + 1);
                var dr = new Span<float>(ds + ((long)i * n), i + 1);
                TensorPrimitives.Multiply(pr, scale, pr);
                TensorPrimitives.Subtract(pr, logSumExp[((long)(start + i) * heads) + h], pr);
                TensorPrimitives.Exp(pr, pr);
                float dot = TensorPrimitives.Dot(pr, dr);
                TensorPrimitives.Subtract(dr, dot, dr);
                TensorPrimitives.Multiply(dr, pr, dr);
                TensorPrimitives.Multiply(dr, scale, dr);
                new Span<float>(p + ((long)i * n) + i + 1, cols - i - 1).Clear();
                new Span<float>(ds + ((long)i * n) + i + 1, cols - i - 1).Clear();
            }

            // dQ = dS·K: row tile i needs keys up to its causal end only.
            MatMul.BlockNN(ds + ((long)i0 * n), n, k, ld, dq + ((long)i0 * ld), ld, m, hd, cols, accumulate: false);
            Ops.TransposeBlock(p, n, pt, n, i0, i0 + m, cols);
            Ops.TransposeBlock(ds, n, dst, n, i0, i0 + m, cols);
        }

        // dK = dSᵀ·Q and dV = Pᵀ·dO: key j receives from queries i ≥ j, so each tile starts at its diagonal.
        for (int j0 = 0; j0 < n; j0 += CausalTile)
        {
            int m = Math.Min(CausalTile, n - j0);
            MatMul.BlockNN(dst + ((long)j0 * n) + j0, n, q + ((long)j0 * ld), ld, dk + ((long)j0 * ld), ld, m, hd, n - j0, accumulate: false);
            MatMul.BlockNN(pt + ((long)j0 * n) + j0, n, dO + ((long)j0 * d), d, dv + ((long)j0 * ld), ld, m, hd, n - j0, accumulate: false);
        }
    }

    private AttentionScratch RentScratch(int length)
    {
        if (!scratchPool.TryTake(out var scratch))
        {
            scratch = new AttentionScratch();
        }

        scratch.Ensure(length, Config.HeadDim);
        return scratch;
    }
}
