using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentOS.Train.Model;

/// <summary>
/// The one matrix kernel of the trainer: C[m×n] (+)= A[m×k] · B[n×k]ᵀ, every operand row-major with its
/// own row stride. Both operands run along the reduction dimension, so each output is one dot product
/// computed start to end by one thread: the result never depends on how work is split over threads
/// (the same seed gives the same model). Callers transpose when their operand lies the other way.
/// </summary>
/// <remarks>
/// The micro-kernel holds a 4×3 tile of 256-bit accumulators (12 of the 16 AVX2 registers): on this
/// machine kind (AMD EPYC, AVX2 + FMA, no AVX-512) it measured 45–60 GFLOP/s on one core, against
/// ~27 for one <c>TensorPrimitives.Dot</c> per output. 256-bit vectors are used on every machine, so
/// an AVX-512 machine computes the same sums in the same order.
/// </remarks>
internal static unsafe class MatMul
{
    private const int Lanes = 8;

    /// <summary>Products smaller than this many multiply-adds run on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 17;

    /// <summary>Rows of B per panel: a panel of B (rows × k floats) is kept near 128 KiB so it stays in L2.</summary>
    private static int PanelRows(int k) => Math.Max(3, 128 * 1024 / (Math.Max(k, 1) * sizeof(float)) / 3 * 3);

    /// <summary>Single-threaded C (+)= A · Bᵀ over the given block.</summary>
    public static void Block(float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate)
    {
        int panel = PanelRows(k);
        for (int j0 = 0; j0 < n; j0 += panel)
        {
            int nn = Math.Min(panel, n - j0);
            float* bp = b + (long)j0 * ldb;
            float* cp = c + j0;
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                float* ai = a + (long)i * lda;
                float* ci = cp + (long)i * ldc;
                int j = 0;
                for (; j + 3 <= nn; j += 3)
                {
                    Tile4x3(ai, lda, bp + (long)j * ldb, ldb, ci + j, ldc, k, accumulate);
                }

                for (; j < nn; j++)
                {
                    for (int r = 0; r < 4; r++)
                    {
                        Store(ci + ((long)r * ldc) + j, Dot(ai + ((long)r * lda), bp + ((long)j * ldb), k), accumulate);
                    }
                }
            }

            for (; i < m; i++)
            {
                float* ai = a + (long)i * lda;
                float* ci = cp + (long)i * ldc;
                for (int j = 0; j < nn; j++)
                {
                    Store(ci + j, Dot(ai, bp + ((long)j * ldb), k), accumulate);
                }
            }
        }
    }

    /// <summary>C (+)= A · Bᵀ spread over all cores; small products stay on the calling thread.</summary>
    public static void Parallel(float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate)
    {
        if ((long)m * n * k < ParallelThreshold || Workers.Count == 1)
        {
            Block(a, lda, b, ldb, c, ldc, m, n, k, accumulate);
            return;
        }

        // Split the longer output side into chunks (rows in multiples of 4); more chunks than threads so a
        // thread slowed by a neighbour on this shared machine does not hold everyone up.
        int chunks = Workers.Count * 4;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (m >= n)
        {
            int rows = Math.Max(4, (m + chunks - 1) / chunks + 3) / 4 * 4;
            int count = (m + rows - 1) / rows;
            Workers.For(count, index =>
            {
                int i0 = index * rows;
                Block((float*)pa + ((long)i0 * lda), lda, (float*)pb, ldb, (float*)pc + ((long)i0 * ldc), ldc, Math.Min(rows, m - i0), n, k, accumulate);
            });
        }
        else
        {
            int cols = Math.Max(3, (n + chunks - 1) / chunks + 2) / 3 * 3;
            int count = (n + cols - 1) / cols;
            Workers.For(count, index =>
            {
                int j0 = index * cols;
                Block((float*)pa, lda, (float*)pb + ((long)j0 * ldb), ldb, (float*)pc + j0, ldc, m, Math.Min(cols, n - j0), k, accumulate);
            });
        }
    }

    /// <summary>C (+)= A · B (B row-major k×n) on all cores: rows of C in chunks of 4, each chunk on one thread.</summary>
    public static void ParallelNN(float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate)
    {
        if ((long)m * n * k < ParallelThreshold || Workers.Count == 1)
        {
            BlockNN(a, lda, b, ldb, c, ldc, m, n, k, accumulate);
            return;
        }

        int chunks = Workers.Count * 4;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (m >= 4 * chunks || m >= n)
        {
            int rows = Math.Max(4, (m + chunks - 1) / chunks + 3) / 4 * 4;
            int count = (m + rows - 1) / rows;
            Workers.For(count, index =>
            {
                int i0 = index * rows;
                BlockNN((float*)pa + ((long)i0 * lda), lda, (float*)pb, ldb, (float*)pc + ((long)i0 * ldc), ldc, Math.Min(rows, m - i0), n, k, accumulate);
            });
        }
        else
        {
            int cols = Math.Max(16, (n + chunks - 1) / chunks + 15) / 16 * 16;
            int count = (n + cols - 1) / cols;
            Workers.For(count, index =>
            {
                int j0 = index * cols;
                BlockNN((float*)pa, lda, (float*)pb + j0, ldb, (float*)pc + j0, ldc, m, Math.Min(cols, n - j0), k, accumulate);
            });
        }
    }

    /// <summary>Span-checked entry for callers that hold arrays: C (+)= A · Bᵀ on all cores.</summary>
    public static void Multiply(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int k, bool accumulate)
    {
        CheckOperand(a.Length, lda, m, k, nameof(a));
        CheckOperand(b.Length, ldb, n, k, nameof(b));
        CheckOperand(c.Length, ldc, m, n, nameof(c));
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Parallel(pa, lda, pb, ldb, pc, ldc, m, n, k, accumulate);
        }
    }

    /// <summary>
    /// Single-threaded C[m×n] (+)= A[m×k] · B[k×n] with B row-major: the "broadcast" form, vectorised along
    /// the output columns. No horizontal sums, so it suits a short reduction (an attention head's width)
    /// and products whose right operand already lies along the output axis.
    /// </summary>
    public static void BlockNN(float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate) =>
        BlockStrided(a, lda, 1, b, ldb, c, ldc, m, n, k, accumulate);

    /// <summary>
    /// Single-threaded C[m×n] (+)= Aᵀ · B where A is stored k×m (row-major, row stride <paramref name="lda"/>):
    /// the product over A's rows without transposing A first (attention's dK = dSᵀ·Q and dV = Pᵀ·dO).
    /// </summary>
    public static void BlockTN(float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate) =>
        BlockStrided(a, 1, lda, b, ldb, c, ldc, m, n, k, accumulate);

    /// <summary>C (+)= A·B where element (r, q) of A lies at a[r·rowStride + q·colStride].</summary>
    private static void BlockStrided(float* a, int rowStride, int colStride, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate)
    {
        int j = 0;
        for (; j + (2 * Lanes) <= n; j += 2 * Lanes)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                TileNN4x16(a + ((long)i * rowStride), rowStride, colStride, b + j, ldb, c + ((long)i * ldc) + j, ldc, k, accumulate);
            }

            for (; i < m; i++)
            {
                TileNN1x8(a + ((long)i * rowStride), colStride, b + j, ldb, c + ((long)i * ldc) + j, k, accumulate);
                TileNN1x8(a + ((long)i * rowStride), colStride, b + j + Lanes, ldb, c + ((long)i * ldc) + j + Lanes, k, accumulate);
            }
        }

        for (; j + Lanes <= n; j += Lanes)
        {
            for (int i = 0; i < m; i++)
            {
                TileNN1x8(a + ((long)i * rowStride), colStride, b + j, ldb, c + ((long)i * ldc) + j, k, accumulate);
            }
        }

        for (; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                float* ai = a + ((long)i * rowStride);
                float sum = 0;
                for (int q = 0; q < k; q++)
                {
                    sum += ai[(long)q * colStride] * b[((long)q * ldb) + j];
                }

                Store(c + ((long)i * ldc) + j, sum, accumulate);
            }
        }
    }

    private static void TileNN4x16(float* a0, int rowStride, int colStride, float* b, int ldb, float* c, int ldc, int k, bool accumulate)
    {
        float* a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int q = 0; q < k; q++)
        {
            float* bq = b + ((long)q * ldb);
            long aq = (long)q * colStride;
            var b0 = Vector256.Load(bq);
            var b1 = Vector256.Load(bq + Lanes);
            var va = Vector256.Create(a0[aq]);
            c00 = FusedMultiplyAdd(va, b0, c00);
            c01 = FusedMultiplyAdd(va, b1, c01);
            va = Vector256.Create(a1[aq]);
            c10 = FusedMultiplyAdd(va, b0, c10);
            c11 = FusedMultiplyAdd(va, b1, c11);
            va = Vector256.Create(a2[aq]);
            c20 = FusedMultiplyAdd(va, b0, c20);
            c21 = FusedMultiplyAdd(va, b1, c21);
            va = Vector256.Create(a3[aq]);
            c30 = FusedMultiplyAdd(va, b0, c30);
            c31 = FusedMultiplyAdd(va, b1, c31);
        }

        StoreVector(c, c00, accumulate);
        StoreVector(c + Lanes, c01, accumulate);
        StoreVector(c + ldc, c10, accumulate);
        StoreVector(c + ldc + Lanes, c11, accumulate);
        StoreVector(c + (2 * ldc), c20, accumulate);
        StoreVector(c + (2 * ldc) + Lanes, c21, accumulate);
        StoreVector(c + (3 * ldc), c30, accumulate);
        StoreVector(c + (3 * ldc) + Lanes, c31, accumulate);
    }

    private static void TileNN1x8(float* a, int colStride, float* b, int ldb, float* c, int k, bool accumulate)
    {
        Vector256<float> sum = default;
        for (int q = 0; q < k; q++)
        {
            sum = FusedMultiplyAdd(Vector256.Create(a[(long)q * colStride]), Vector256.Load(b + ((long)q * ldb)), sum);
        }

        StoreVector(c, sum, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector(float* c, Vector256<float> value, bool accumulate) =>
        (accumulate ? Vector256.Load(c) + value : value).Store(c);

    /// <summary>Dot product of two length-k rows, vectorised with four accumulators, summed in a fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* x, float* y, int k)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        int q = 0;
        for (; q + (2 * Lanes) <= k; q += 2 * Lanes)
        {
            s0 = FusedMultiplyAdd(Vector256.Load(x + q), Vector256.Load(y + q), s0);
            s1 = FusedMultiplyAdd(Vector256.Load(x + q + Lanes), Vector256.Load(y + q + Lanes), s1);
        }

        for (; q + Lanes <= k; q += Lanes)
        {
            s0 = FusedMultiplyAdd(Vector256.Load(x + q), Vector256.Load(y + q), s0);
        }

        float sum = Vector256.Sum(s0 + s1);
        for (; q < k; q++)
        {
            sum += x[q] * y[q];
        }

        return sum;
    }

    private static void Tile4x3(float* a0, int lda, float* b0, int ldb, float* c, int ldc, int k, bool accumulate)
    {
        float* a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        float* b1 = b0 + ldb, b2 = b1 + ldb;
        Vector256<float> c00 = default, c01 = default, c02 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default;
        int q = 0;
        for (; q + Lanes <= k; q += Lanes)
        {
            var vb0 = Vector256.Load(b0 + q);
            var vb1 = Vector256.Load(b1 + q);
            var vb2 = Vector256.Load(b2 + q);
            var va = Vector256.Load(a0 + q);
            c00 = FusedMultiplyAdd(va, vb0, c00);
            c01 = FusedMultiplyAdd(va, vb1, c01);
            c02 = FusedMultiplyAdd(va, vb2, c02);
            va = Vector256.Load(a1 + q);
            c10 = FusedMultiplyAdd(va, vb0, c10);
            c11 = FusedMultiplyAdd(va, vb1, c11);
            c12 = FusedMultiplyAdd(va, vb2, c12);
            va = Vector256.Load(a2 + q);
            c20 = FusedMultiplyAdd(va, vb0, c20);
            c21 = FusedMultiplyAdd(va, vb1, c21);
            c22 = FusedMultiplyAdd(va, vb2, c22);
            va = Vector256.Load(a3 + q);
            c30 = FusedMultiplyAdd(va, vb0, c30);
            c31 = FusedMultiplyAdd(va, vb1, c31);
            c32 = FusedMultiplyAdd(va, vb2, c32);
        }

        float* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        Store(c, Vector256.Sum(c00) + Tail(a0, b0, q, k), accumulate);
        Store(c + 1, Vector256.Sum(c01) + Tail(a0, b1, q, k), accumulate);
        Store(c + 2, Vector256.Sum(c02) + Tail(a0, b2, q, k), accumulate);
        Store(c1, Vector256.Sum(c10) + Tail(a1, b0, q, k), accumulate);
        Store(c1 + 1, Vector256.Sum(c11) + Tail(a1, b1, q, k), accumulate);
        Store(c1 + 2, Vector256.Sum(c12) + Tail(a1, b2, q, k), accumulate);
        Store(c2, Vector256.Sum(c20) + Tail(a2, b0, q, k), accumulate);
        Store(c2 + 1, Vector256.Sum(c21) + Tail(a2, b1, q, k), accumulate);
        Store(c2 + 2, Vector256.Sum(c22) + Tail(a2, b2, q, k), accumulate);
        Store(c3, Vector256.Sum(c30) + Tail(a3, b0, q, k), accumulate);
        Store(c3 + 1, Vector256.Sum(c31) + Tail(a3, b1, q, k), accumulate);
        Store(c3 + 2, Vector256.Sum(c32) + Tail(a3, b2, q, k), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Tail(float* x, float* y, int from, int k)
    {
        float sum = 0;
        for (int q = from; q < k; q++)
        {
            sum += x[q] * y[q];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, float value, bool accumulate) => *c = accumulate ? *c + value : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> FusedMultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, addend) : (x * y) + addend;

    private static void CheckOperand(int length, int stride, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0 || stride < cols || (rows > 0 && ((long)(rows - 1) * stride) + cols > length))
        {
            throw new ArgumentException($"Operand {name} ({length} floats) cannot hold {rows}×{cols} with row stride {stride}.", name);
        }
    }
}
