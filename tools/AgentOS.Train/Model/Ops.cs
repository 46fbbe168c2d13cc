using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace AgentOS.Train.Model;

/// <summary>Row-wise operations of the forward and backward passes (everything but matrix products).</summary>
internal static unsafe class Ops
{
    /// <summary>A float array on the pinned heap, so raw pointers to it stay valid.</summary>
    public static float[] Pinned(long length) => GC.AllocateArray<float>(checked((int)length), pinned: true);

    /// <summary>Pointer to the first element of an array allocated by <see cref="Pinned"/>.</summary>
    public static float* Ptr(float[] array) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));

    /// <summary>
    /// y = x / sqrt(mean(x²) + eps) ⊙ gain for each of <paramref name="rows"/> rows; keeps 1/rms per row
    /// for the backward pass. llama.cpp's <c>rms_norm</c> + <c>mul</c>.
    /// </summary>
    public static void RmsNorm(float* x, float* gain, float* y, float* invRms, int rows, int dim, float eps)
    {
        nint px = (nint)x, pg = (nint)gain, py = (nint)y, pr = (nint)invRms;
        Workers.ForRanges(rows, 64, (start, end) =>
        {
            var g = new ReadOnlySpan<float>((float*)pg, dim);
            for (int t = start; t < end; t++)
            {
                var row = new ReadOnlySpan<float>((float*)px + ((long)t * dim), dim);
                var output = new Span<float>((float*)py + ((long)t * dim), dim);
                float r = 1f / MathF.Sqrt((TensorPrimitives.SumOfSquares(row) / dim) + eps);
                ((float*)pr)[t] = r;
                TensorPrimitives.Multiply(row, r, output);
                TensorPrimitives.Multiply(output, g, output);
            }
        });
    }

    /// <summary>
    /// Backward of <see cref="RmsNorm"/>: adds ∂L/∂x to <paramref name="dx"/> and ∂L/∂gain to
    /// <paramref name="dGain"/> (summed over rows in row order, on one thread, so it is deterministic).
    /// </summary>
    public static void RmsNormBackward(float* x, float* gain, float* invRms, float* dy, float* dx, float* dGain, int rows, int dim)
    {
        // dx = r·g⊙dy − x · r³/dim · Σ(g⊙dy⊙x)
        nint px = (nint)x, pg = (nint)gain, pr = (nint)invRms, pdy = (nint)dy, pdx = (nint)dx;
        Workers.ForRanges(rows, 64, (start, end) =>
        {
            var g = new ReadOnlySpan<float>((float*)pg, dim);
            Span<float> gdy = dim <= 1024 ? stackalloc float[dim] : new float[dim];
            for (int t = start; t < end; t++)
            {
                var xr = new ReadOnlySpan<float>((float*)px + ((long)t * dim), dim);
                var dyr = new ReadOnlySpan<float>((float*)pdy + ((long)t * dim), dim);
                var dxr = new Span<float>((float*)pdx + ((long)t * dim), dim);
                float r = ((float*)pr)[t];
                TensorPrimitives.Multiply(g, dyr, gdy);
                float dot = TensorPrimitives.Dot(gdy, xr);
                float c = -r * r * r * dot / dim;
                TensorPrimitives.MultiplyAdd(gdy, r, dxr, dxr);
                TensorPrimitives.MultiplyAdd(xr, c, dxr, dxr);
            }
        });

        var dg = new Span<float>(dGain, dim);
        Span<float> term = dim <= 1024 ? stackalloc float[dim] : new float[dim];
        for (int t = 0; t < rows; t++)
        {
            var xr = new ReadOnlySpan<float>(x + ((long)t * dim), dim);
            var dyr = new ReadOnlySpan<float>(dy + ((long)t * dim), dim);
            TensorPrimitives.Multiply(xr, dyr, term);
            TensorPrimitives.MultiplyAdd(term, invRms[t], dg, dg);
        }
    }

    /// <summary>dst[c, r] = src[r, c] for a rows × cols block, in cache-sized tiles, on all cores.</summary>
    public static void Transpose(float* src, int lds, float* dst, int ldd, int rows, int cols)
    {
        const int Tile = 32;
        nint ps = (nint)src, pd = (nint)dst;
        if ((long)rows * cols < 1 << 15)
        {
            TransposeBlock(src, lds, dst, ldd, 0, rows, cols);
            return;
        }

        Workers.ForRanges(rows, Tile * 4, (start, end) => TransposeBlock((float*)ps, lds, (float*)pd, ldd, start, end, cols));
    }

    /// <summary>Single-threaded <see cref="Transpose"/> of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>).</summary>
    public static void TransposeBlock(float* src, int lds, float* dst, int ldd, int rowStart, int rowEnd, int cols)
    {
        const int Tile = 32;
        for (int r0 = rowStart; r0 < rowEnd; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, rowEnd);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, cols);
                int r = r0;
                if (Avx.IsSupported)
                {
                    for (; r + 8 <= r1; r += 8)
                    {
                        int c = c0;
                        for (; c + 8 <= c1; c += 8)
                        {
                            Transpose8x8(src + ((long)r * lds) + c, lds, dst + ((long)c * ldd) + r, ldd);
                        }

                        for (; c < c1; c++)
                        {
                            for (int rr = r; rr < r + 8; rr++)
                            {
                                dst[((long)c * ldd) + rr] = src[((long)rr * lds) + c];
                            }
                        }
                    }
                }

                for (; r < r1; r++)
                {
                    float* s = src + ((long)r * lds);
                    for (int c = c0; c < c1; c++)
                    {
                        dst[((long)c * ldd) + r] = s[c];
                    }
                }
            }
        }
    }

    /// <summary>An 8×8 block transposed in registers: eight loads, 24 shuffles, eight stores (scalar code needs 64 of each).</summary>
    private static void Transpose8x8(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + (2 * lds));
        var r3 = Avx.LoadVector256(src + (3 * lds));
        var r4 = Avx.LoadVector256(src + (4 * lds));
        var r5 = Avx.LoadVector256(src + (5 * lds));
        var r6 = Avx.LoadVector256(src + (6 * lds));
        var r7 = Avx.LoadVector256(src + (7 * lds));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + (2 * ldd), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + (3 * ldd), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + (4 * ldd), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + (5 * ldd), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + (6 * ldd), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + (7 * ldd), Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>h = silu(gate) ⊙ up, where each row of <paramref name="gateUp"/> is [gate (ffn) | up (ffn)].</summary>
    public static void SwiGlu(float* gateUp, float* h, int rows, int ffn)
    {
        nint pgu = (nint)gateUp, ph = (nint)h;
        Workers.ForRanges(rows, 64, (start, end) =>
        {
            for (int t = start; t < end; t++)
            {
                var gate = new ReadOnlySpan<float>((float*)pgu + ((long)t * 2 * ffn), ffn);
                var up = new ReadOnlySpan<float>((float*)pgu + ((long)t * 2 * ffn) + ffn, ffn);
                var hr = new Span<float>((float*)ph + ((long)t * ffn), ffn);
                TensorPrimitives.Sigmoid(gate, hr);
                TensorPrimitives.Multiply(hr, gate, hr);
                TensorPrimitives.Multiply(hr, up, hr);
            }
        });
    }

    /// <summary>Backward of <see cref="SwiGlu"/>: writes [∂gate | ∂up] per row into <paramref name="dGateUp"/>.</summary>
    public static void SwiGluBackward(float* gateUp, float* dh, float* dGateUp, int rows, int ffn)
    {
        // With s = σ(g): ∂h/∂g = u·s·(1 + g·(1 − s)), ∂h/∂u = g·s.
        nint pgu = (nint)gateUp, pdh = (nint)dh, pd = (nint)dGateUp;
        Workers.ForRanges(rows, 64, (start, end) =>
        {
            Span<float> s = ffn <= 4096 ? stackalloc float[ffn] : new float[ffn];
            Span<float> work = ffn <= 4096 ? stackalloc float[ffn] : new float[ffn];
            for (int t = start; t < end; t++)
            {
                var gate = new ReadOnlySpan<float>((float*)pgu + ((long)t * 2 * ffn), ffn);
                var up = new ReadOnlySpan<float>((float*)pgu + ((long)t * 2 * ffn) + ffn, ffn);
                var dhr = new ReadOnlySpan<float>((float*)pdh + ((long)t * ffn), ffn);
                var dGate = new Span<float>((float*)pd + ((long)t * 2 * ffn), ffn);
                var dUp = new Span<float>((float*)pd + ((long)t * 2 * ffn) + ffn, ffn);
                TensorPrimitives.Sigmoid(gate, s);
                TensorPrimitives.Multiply(gate, s, work);                 // silu(g)
                TensorPrimitives.Multiply(dhr, work, dUp);                // dh·g·s
                TensorPrimitives.Subtract(gate, work, work);              // g − g·s = g·(1 − s)
                TensorPrimitives.Add(work, 1f, work);                     // 1 + g·(1 − s)
                TensorPrimitives.Multiply(work, s, work);
                TensorPrimitives.Multiply(work, up, work);
                TensorPrimitives.Multiply(work, dhr, dGate);
            }
        });
    }

    /// <summary>
    /// Cross-entropy of each logit row against its label. Returns the summed loss (rows in order, in
    /// double); when <paramref name="gradientScale"/> is non-zero the rows are replaced by
    /// (softmax − one-hot) · scale, the gradient of scale · loss.
    /// </summary>
    public static double CrossEntropy(float* logits, int[] labels, int rows, int vocab, float gradientScale, bool writeGradient)
    {
        var losses = new double[rows];
        nint pl = (nint)logits;
        Workers.ForRanges(rows, 16, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var row = new Span<float>((float*)pl + ((long)r * vocab), vocab);
                float max = TensorPrimitives.Max(row);
                float label = row[labels[r]];
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp(row, row);
                float sum = TensorPrimitives.Sum(row);
                losses[r] = Math.Log(sum) - (label - max);
                if (writeGradient)
                {
                    TensorPrimitives.Multiply(row, gradientScale / sum, row);
                    row[labels[r]] -= gradientScale;
                }
            }
        });

        double total = 0;
        foreach (double loss in losses)
        {
            total += loss;
        }

        return total;
    }
}
