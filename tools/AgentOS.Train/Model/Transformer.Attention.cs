using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace AgentOS.Train.Model;

internal sealed unsafe partial class Transformer
{
    /// <summary>Rows per causal tile: scores are computed only up to the end of the tile's last row.</summary>
    private const int CausalTile = 16;

    private readonly ConcurrentBag<AttentionScratch> scratchPool = [];

    /// <summary>Per sequence, its share of ∂L/∂(key, value) of the shared prefix rows (prefix × 2d), summed afterwards in sequence order.</summary>
    private float[][] prefixGradients = [];

    /// <summary>
    /// Causal softmax attention of every (segment, head) pair. A segment is the shared prefix (attending
    /// to itself) or one sequence's own rows (attending to the prefix, then to themselves). Each pair writes
    /// only its own rows and head columns, so pairs run in parallel without changing any result.
    /// </summary>
    private void AttentionForward(TrainingBatch batch, float* qkv, float* logSumExp, float* output)
    {
        int heads = Config.Heads;
        var segments = Segments(batch);
        nint pq = (nint)qkv, pl = (nint)logSumExp, po = (nint)output;
        Workers.For(segments.Length * heads, pair =>
        {
            var segment = segments[pair / heads];
            var scratch = RentScratch(segment.Length, segment.KeyPrefix + segment.Length);
            try
            {
                AttentionForwardHead((float*)pq, (float*)pl, (float*)po, segment, pair % heads, scratch);
            }
            finally
            {
                scratchPool.Add(scratch);
            }
        });
    }

    private void AttentionBackward(TrainingBatch batch, float* qkv, float* logSumExp, float* dOutput, float* dQkv)
    {
        int heads = Config.Heads, d = Config.Dim, prefix = batch.PrefixLength;
        var segments = Segments(batch);
        if (prefix > 0)
        {
            if (prefixGradients.Length < batch.SequenceCount || prefixGradients[0].Length < prefix * 2 * d)
            {
                prefixGradients = [.. Enumerable.Range(0, Math.Max(batch.SequenceCount, prefixGradients.Length)).Select(_ => Ops.Pinned((long)Math.Max(prefix, Config.ContextLength / 2) * 2 * d))];
            }
        }

        nint pq = (nint)qkv, pl = (nint)logSumExp, pdo = (nint)dOutput, pdq = (nint)dQkv;
        Workers.For(segments.Length * heads, pair =>
        {
            var segment = segments[pair / heads];
            var scratch = RentScratch(segment.Length, segment.KeyPrefix + segment.Length);
            try
            {
                AttentionBackwardHead((float*)pq, (float*)pl, (float*)pdo, (float*)pdq, segment, pair % heads, scratch);
            }
            finally
            {
                scratchPool.Add(scratch);
            }
        });

        if (prefix > 0)
        {
            // The prefix's keys and values served every sequence: add each sequence's share, in sequence order.
            int sequences = batch.SequenceCount;
            Workers.ForRanges(prefix, 32, (start, end) =>
            {
                for (int r = start; r < end; r++)
                {
                    var target = new Span<float>((float*)pdq + ((long)r * 3 * d) + d, 2 * d);
                    for (int s = 0; s < sequences; s++)
                    {
                        TensorPrimitives.Add(target, prefixGradients[s].AsSpan(r * 2 * d, 2 * d), target);
                    }
                }
            });
        }
    }

    private static Segment[] Segments(TrainingBatch batch)
    {
        int prefix = batch.PrefixLength;
        var segments = new List<Segment>(batch.SequenceCount + 1);
        if (prefix > 0)
        {
            segments.Add(new Segment(0, prefix, 0, -1));
        }

        for (int s = 0; s < batch.SequenceCount; s++)
        {
            segments.Add(new Segment(batch.SequenceStarts[s], batch.SequenceStarts[s + 1] - batch.SequenceStarts[s], prefix, s));
        }

        return [.. segments];
    }

    private void AttentionForwardHead(float* qkv, float* logSumExp, float* output, Segment segment, int h, AttentionScratch scratch)
    {
        int d = Config.Dim, hd = Config.HeadDim, ld = 3 * d, heads = Config.Heads;
        float scale = 1f / MathF.Sqrt(hd);
        int n = segment.Length, pk = segment.KeyPrefix, keys = pk + n;
        float* q = qkv + ((long)segment.Start * ld) + (h * hd);
        float* k = q + d;
        float* v = q + (2 * d);
        float* prefixK = qkv + d + (h * hd);
        float* prefixV = prefixK + d;
        float* p = Ops.Ptr(scratch.Scores);
        float* kt = Ops.Ptr(scratch.HeadA);
        float* o = output + ((long)segment.Start * d) + (h * hd);

        // Keys: the shared prefix's, then the segment's own, transposed so the products over the head width
        // (short) use the broadcast kernel; products over keys (long) use V where it lies.
        Ops.TransposeBlock(prefixK, ld, kt, keys, 0, pk, hd);
        Ops.TransposeBlock(k, ld, kt + pk, keys, 0, n, hd);
        for (int i0 = 0; i0 < n; i0 += CausalTile)
        {
            int m = Math.Min(CausalTile, n - i0), own = Math.Min(i0 + CausalTile, n);
            MatMul.BlockNN(q + ((long)i0 * ld), ld, kt, keys, p + ((long)i0 * keys), keys, m, pk + own, hd, accumulate: false);
            for (int i = i0; i < i0 + m; i++)
            {
                var row = new Span<float>(p + ((long)i * keys), pk + i + 1);
                TensorPrimitives.Multiply(row, scale, row);
                float max = TensorPrimitives.Max(row);
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp(row, row);
                float sum = TensorPrimitives.Sum(row);
                TensorPrimitives.Multiply(row, 1f / sum, row);
                logSumExp[((long)(segment.Start + i) * heads) + h] = max + MathF.Log(sum);
                new Span<float>(p + ((long)i * keys) + pk + i + 1, own - i - 1).Clear();
            }

            float* oi = o + ((long)i0 * d);
            if (pk > 0)
            {
                MatMul.BlockNN(p + ((long)i0 * keys), keys, prefixV, ld, oi, d, m, hd, pk, accumulate: false);
            }

            MatMul.BlockNN(p + ((long)i0 * keys) + pk, keys, v, ld, oi, d, m, hd, own, accumulate: pk > 0);
        }
    }

    private void AttentionBackwardHead(float* qkv, float* logSumExp, float* dOutput, float* dQkv, Segment segment, int h, AttentionScratch scratch)
    {
        int d = Config.Dim, hd = Config.HeadDim, ld = 3 * d, heads = Config.Heads;
        float scale = 1f / MathF.Sqrt(hd);
        int n = segment.Length, pk = segment.KeyPrefix, keys = pk + n;
        float* q = qkv + ((long)segment.Start * ld) + (h * hd);
        float* k = q + d;
        float* v = q + (2 * d);
        float* prefixK = qkv + d + (h * hd);
        float* prefixV = prefixK + d;
        float* dO = dOutput + ((long)segment.Start * d) + (h * hd);
        float* dq = dQkv + ((long)segment.Start * ld) + (h * hd);
        float* dk = dq + d;
        float* dv = dq + (2 * d);
        float* p = Ops.Ptr(scratch.Scores);
        float* ds = Ops.Ptr(scratch.DScores);
        float* kt = Ops.Ptr(scratch.HeadA);
        float* vt = Ops.Ptr(scratch.HeadB);

        Ops.TransposeBlock(prefixK, ld, kt, keys, 0, pk, hd);
        Ops.TransposeBlock(k, ld, kt + pk, keys, 0, n, hd);
        Ops.TransposeBlock(prefixV, ld, vt, keys, 0, pk, hd);
        Ops.TransposeBlock(v, ld, vt + pk, keys, 0, n, hd);
        for (int i0 = 0; i0 < n; i0 += CausalTile)
        {
            int m = Math.Min(CausalTile, n - i0), own = Math.Min(i0 + CausalTile, n), cols = pk + own;

            // P again, from the saved log-sum-exp; then dP = dO·Vᵀ and dS = P ⊙ (dP − Σ P⊙dP) · scale.
            MatMul.BlockNN(q + ((long)i0 * ld), ld, kt, keys, p + ((long)i0 * keys), keys, m, cols, hd, accumulate: false);
            MatMul.BlockNN(dO + ((long)i0 * d), d, vt, keys, ds + ((long)i0 * keys), keys, m, cols, hd, accumulate: false);
            for (int i = i0; i < i0 + m; i++)
            {
                var pr = new Span<float>(p + ((long)i * keys), pk + i + 1);
                var dr = new Span<float>(ds + ((long)i * keys), pk + i + 1);
                TensorPrimitives.Multiply(pr, scale, pr);
                TensorPrimitives.Subtract(pr, logSumExp[((long)(segment.Start + i) * heads) + h], pr);
                TensorPrimitives.Exp(pr, pr);
                float dot = TensorPrimitives.Dot(pr, dr);
                TensorPrimitives.Subtract(dr, dot, dr);
                TensorPrimitives.Multiply(dr, pr, dr);
                TensorPrimitives.Multiply(dr, scale, dr);
                new Span<float>(p + ((long)i * keys) + pk + i + 1, own - i - 1).Clear();
                new Span<float>(ds + ((long)i * keys) + pk + i + 1, own - i - 1).Clear();
            }

            // dQ = dS·K over the prefix keys, then the segment's own keys up to the tile's causal end.
            float* dqi = dq + ((long)i0 * ld);
            if (pk > 0)
            {
                MatMul.BlockNN(ds + ((long)i0 * keys), keys, prefixK, ld, dqi, ld, m, hd, pk, accumulate: false);
            }

            MatMul.BlockNN(ds + ((long)i0 * keys) + pk, keys, k, ld, dqi, ld, m, hd, own, accumulate: pk > 0);
        }

        // dK = dSᵀ·Q and dV = Pᵀ·dO, reading dS and P down their columns. An own key j receives from queries
        // i ≥ j, so its tile starts at the diagonal; a prefix key receives from every query, into this
        // sequence's share of the prefix gradient.
        for (int j0 = 0; j0 < n; j0 += CausalTile)
        {
            int m = Math.Min(CausalTile, n - j0);
            long corner = ((long)j0 * keys) + pk + j0;
            MatMul.BlockTN(ds + corner, keys, q + ((long)j0 * ld), ld, dk + ((long)j0 * ld), ld, m, hd, n - j0, accumulate: false);
            MatMul.BlockTN(p + corner, keys, dO + ((long)j0 * d), d, dv + ((long)j0 * ld), ld, m, hd, n - j0, accumulate: false);
        }

        if (pk > 0)
        {
            float* share = Ops.Ptr(prefixGradients[segment.Sequence]) + (h * hd);
            for (int j0 = 0; j0 < pk; j0 += CausalTile)
            {
                int m = Math.Min(CausalTile, pk - j0);
                MatMul.BlockTN(ds + j0, keys, q, ld, share + ((long)j0 * 2 * d), 2 * d, m, hd, n, accumulate: false);
                MatMul.BlockTN(p + j0, keys, dO, d, share + ((long)j0 * 2 * d) + d, 2 * d, m, hd, n, accumulate: false);
            }
        }
    }

    private AttentionScratch RentScratch(int queries, int keys)
    {
        if (!scratchPool.TryTake(out var scratch))
        {
            scratch = new AttentionScratch();
        }

        scratch.Ensure(queries, keys, Config.HeadDim);
        return scratch;
    }

    /// <summary>Rows [Start, Start+Length) attending to the first <see cref="KeyPrefix"/> rows of the batch, then causally to themselves.</summary>
    private readonly record struct Segment(int Start, int Length, int KeyPrefix, int Sequence);
}
