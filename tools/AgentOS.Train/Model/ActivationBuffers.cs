namespace AgentOS.Train.Model;

/// <summary>
/// The pinned buffers of one forward/backward pass, grown on demand and reused step after step so the
/// garbage collector never sees them again. Sizes are in floats; T = tokens in the batch, R = scored rows.
/// </summary>
internal sealed class ActivationBuffers
{
    private readonly ModelConfig config;

    /// <summary>Empty buffers for <paramref name="config"/>; <see cref="Ensure"/> sizes them.</summary>
    public ActivationBuffers(ModelConfig config)
    {
        this.config = config;
        int layers = config.Layers;
        Residual = new float[layers + 1][];
        InvRms1 = new float[layers][];
        InvRms2 = new float[layers][];
        Qkv = new float[layers][];
        LogSumExp = new float[layers][];
        Attention = new float[layers][];
        Residual2 = new float[layers][];
        GateUp = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            int d = config.Dim, f = config.FfnDim;
            WeightsT.Add((Ops.Pinned((long)d * 3 * d), Ops.Pinned((long)d * d), Ops.Pinned((long)d * 2 * f), Ops.Pinned((long)f * d)));
        }

        OutputT = Ops.Pinned((long)config.Dim * config.VocabSize);
    }

    /// <summary>Token capacity of the buffers.</summary>
    public int Tokens { get; private set; }

    /// <summary>Scored-row capacity of the buffers.</summary>
    public int Rows { get; private set; }

    /// <summary>Input of block l (T×d); entry [layers] is the final residual stream.</summary>
    public float[][] Residual { get; }

    /// <summary>1/rms of each row before attention (T).</summary>
    public float[][] InvRms1 { get; }

    /// <summary>1/rms of each row before the feed-forward (T).</summary>
    public float[][] InvRms2 { get; }

    /// <summary>Queries, keys, values per row after the rotation (T×3d).</summary>
    public float[][] Qkv { get; }

    /// <summary>Log-sum-exp of each row's scaled attention scores, per head (T×heads).</summary>
    public float[][] LogSumExp { get; }

    /// <summary>Attention output before attn_output (T×d).</summary>
    public float[][] Attention { get; }

    /// <summary>Residual stream after the attention half of block l (T×d).</summary>
    public float[][] Residual2 { get; }

    /// <summary>Gate and up projections before SwiGLU (T×2f).</summary>
    public float[][] GateUp { get; }

    /// <summary>Scratch: a normalised row block (T×d).</summary>
    public float[] Normed { get; private set; } = [];

    /// <summary>Scratch: the SwiGLU product (T×f).</summary>
    public float[] Hidden { get; private set; } = [];

    /// <summary>Final residual rows that are scored (R×d).</summary>
    public float[] HeadInput { get; private set; } = [];

    /// <summary>Those rows after output_norm (R×d).</summary>
    public float[] HeadNormed { get; private set; } = [];

    /// <summary>1/rms of each scored row (R).</summary>
    public float[] HeadInvRms { get; private set; } = [];

    /// <summary>Logits, then their gradient (R×vocab).</summary>
    public float[] Logits { get; private set; } = [];

    /// <summary>∂L/∂residual, carried down through the blocks (T×d).</summary>
    public float[] DResidual { get; private set; } = [];

    /// <summary>Scratch gradient of a normalised block input (T×d), or of the scored rows (R×d).</summary>
    public float[] DNormed { get; private set; } = [];

    /// <summary>Scratch gradient of the SwiGLU product (T×f).</summary>
    public float[] DHidden { get; private set; } = [];

    /// <summary>Scratch gradient of gate/up (T×2f).</summary>
    public float[] DGateUp { get; private set; } = [];

    /// <summary>Scratch gradient of q/k/v (T×3d).</summary>
    public float[] DQkv { get; private set; } = [];

    /// <summary>Scratch gradient of the attention output (T×d).</summary>
    public float[] DAttention { get; private set; } = [];

    /// <summary>Scratch: a transposed output gradient (max(3d, 2f, vocab) × max(T, R)).</summary>
    public float[] TransposedA { get; private set; } = [];

    /// <summary>Scratch: a transposed layer input (max(d, f) × max(T, R)).</summary>
    public float[] TransposedB { get; private set; } = [];

    /// <summary>Transposed weights of each block: qkvᵀ (d×3d), attn_outputᵀ (d×d), gate|upᵀ (d×2f), downᵀ (f×d).</summary>
    public List<(float[] Qkv, float[] AttnOutput, float[] GateUp, float[] Down)> WeightsT { get; } = [];

    /// <summary>Transposed output head (d×vocab).</summary>
    public float[] OutputT { get; }

    /// <summary>Grows the buffers to hold <paramref name="tokens"/> tokens and <paramref name="rows"/> scored rows.</summary>
    public void Ensure(int tokens, int rows, bool backward)
    {
        int d = config.Dim, f = config.FfnDim, h = config.Heads, v = config.VocabSize;
        if (tokens > Tokens)
        {
            // Grow with headroom: batches vary in size, and reallocating every step would churn memory.
            int t = Math.Max(tokens, Tokens + (Tokens / 4));
            for (int l = 0; l <= config.Layers; l++)
            {
                Residual[l] = Ops.Pinned((long)t * d);
            }

            for (int l = 0; l < config.Layers; l++)
            {
                InvRms1[l] = Ops.Pinned(t);
                InvRms2[l] = Ops.Pinned(t);
                Qkv[l] = Ops.Pinned((long)t * 3 * d);
                LogSumExp[l] = Ops.Pinned((long)t * h);
                Attention[l] = Ops.Pinned((long)t * d);
                Residual2[l] = Ops.Pinned((long)t * d);
                GateUp[l] = Ops.Pinned((long)t * 2 * f);
            }

            Normed = Ops.Pinned((long)t * d);
            Hidden = Ops.Pinned((long)t * f);
            Tokens = t;
            ClearBackward();
        }

        if (rows > Rows)
        {
            int r = Math.Max(rows, Rows + (Rows / 4));
            HeadInput = Ops.Pinned((long)r * d);
            HeadNormed = Ops.Pinned((long)r * d);
            HeadInvRms = Ops.Pinned(r);
            Logits = Ops.Pinned((long)r * v);
            Rows = r;
            ClearBackward();
        }

        if (backward && DResidual.Length == 0)
        {
            int t = Tokens, r = Math.Max(Rows, 1);
            DResidual = Ops.Pinned((long)t * d);
            DNormed = Ops.Pinned((long)Math.Max(t, r) * d);
            DHidden = Ops.Pinned((long)t * f);
            DGateUp = Ops.Pinned((long)t * 2 * f);
            DQkv = Ops.Pinned((long)t * 3 * d);
            DAttention = Ops.Pinned((long)t * d);
            TransposedA = Ops.Pinned(Math.Max((long)Math.Max(3 * d, 2 * f) * t, (long)v * r));
            TransposedB = Ops.Pinned((long)Math.Max(d, f) * Math.Max(t, r));
        }
    }

    private void ClearBackward()
    {
        DResidual = [];
        DNormed = [];
        DHidden = [];
        DGateUp = [];
        DQkv = [];
        DAttention = [];
        TransposedA = [];
        TransposedB = [];
    }
}
