using System.Runtime.InteropServices;
using System.Text;

namespace AgentOS.Train.Model;

/// <summary>
/// A resumable training state: model shape, the options and data it was trained under (as
/// fingerprints), steps done, weights, both AdamW moments and the running sum of averaged weights. The only
/// random state of a run is its seed (initial weights and every epoch's order derive from it), so seed + step
/// restore the generator.
/// Written to a temporary file and renamed over the old one, so a crash mid-write never loses the
/// previous checkpoint.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "AGOSCKPT";
    private const string EndMarker = "ENDCKPT!";
    private const int Version = 3;

    /// <summary>Saves the state of a run after <paramref name="stepsDone"/> steps.</summary>
    public static void Save(string path, Transformer model, AdamW optimizer, TrainingOptions options, ulong dataFingerprint, int stepsDone, double[]? weightSums = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            var c = model.Config;
            writer.Write(c.VocabSize);
            writer.Write(c.Dim);
            writer.Write(c.Layers);
            writer.Write(c.Heads);
            writer.Write(c.FfnDim);
            writer.Write(c.ContextLength);
            writer.Write(c.RopeFreqBase);
            writer.Write(c.NormEps);
            writer.Write(c.TiedEmbeddings);
            writer.Write(options.Fingerprint());
            writer.Write(dataFingerprint);
            writer.Write(stepsDone);
            writer.Write(optimizer.Steps);
            WriteFloats(writer, model.Weights);
            WriteFloats(writer, optimizer.FirstMoment);
            WriteFloats(writer, optimizer.SecondMoment);
            writer.Write(weightSums?.Length ?? 0);
            writer.Write(MemoryMarshal.AsBytes((weightSums ?? []).AsSpan()));
            writer.Write(Encoding.ASCII.GetBytes(EndMarker));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads only the model shape of a checkpoint, to build the model it belongs to.</summary>
    public static ModelConfig ReadConfig(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>
    /// Restores weights and optimizer state into <paramref name="model"/> and <paramref name="optimizer"/>
    /// (and the averaged-weight sums into <paramref name="weightSums"/>) after checking that shape, options and data
    /// are the ones the checkpoint was written under. Returns the number of steps done.
    /// </summary>
    public static int Load(string path, Transformer model, AdamW optimizer, TrainingOptions options, ulong dataFingerprint, double[]? weightSums = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        using var reader = Open(path);
        var config = ReadHeader(reader, path);
        if (config != model.Config)
        {
            throw new CheckpointException($"Checkpoint {path} holds a model of {config.Describe()}, not {model.Config.Describe()}.");
        }

        string savedOptions = reader.ReadString();
        if (savedOptions != options.Fingerprint())
        {
            throw new CheckpointException(
                $"Checkpoint {path} was written with other training options; resume with the same ones.{Environment.NewLine}" +
                $"  checkpoint: {savedOptions}{Environment.NewLine}  now:        {options.Fingerprint()}");
        }

        ulong savedData = reader.ReadUInt64();
        if (savedData != dataFingerprint)
        {
            throw new CheckpointException($"Checkpoint {path} was trained on other data (fingerprint {savedData:x16}, now {dataFingerprint:x16}): regenerate the corpus with the same seed and sizes.");
        }

        int stepsDone = reader.ReadInt32();
        long optimizerSteps = reader.ReadInt64();
        ReadFloats(reader, model.Weights, path);
        ReadFloats(reader, optimizer.FirstMoment, path);
        ReadFloats(reader, optimizer.SecondMoment, path);
        ReadSums(reader, weightSums ?? [], path);
        if (Encoding.ASCII.GetString(reader.ReadBytes(EndMarker.Length)) != EndMarker)
        {
            throw new CheckpointException($"Checkpoint {path} is truncated or damaged.");
        }

        optimizer.Steps = optimizerSteps;
        return stepsDone;
    }

    private static BinaryReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"Checkpoint {path} does not exist.");
        }

        return new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20), Encoding.UTF8);
    }

    private static ModelConfig ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            {
                throw new CheckpointException($"{path} is not an AgentOS training checkpoint.");
            }

            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new CheckpointException($"Checkpoint {path} has format version {version}; this trainer reads version {Version}.");
            }

            var config = new ModelConfig(
                reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
                reader.ReadSingle(), reader.ReadSingle(), reader.ReadBoolean());
            config.Validate();
            return config;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new CheckpointException($"Checkpoint {path} is truncated or damaged: {e.Message}", e);
        }
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static void ReadSums(BinaryReader reader, double[] into, string path)
    {
        try
        {
            int length = reader.ReadInt32();
            if (length != into.Length)
            {
                throw new CheckpointException($"Checkpoint {path} holds {length} averaged-weight sums where {into.Length} are expected.");
            }

            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(into.AsSpan()));
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointException($"Checkpoint {path} is truncated.", e);
        }
    }

    private static void ReadFloats(BinaryReader reader, float[] into, string path)
    {
        try
        {
            int length = reader.ReadInt32();
            if (length != into.Length)
            {
                throw new CheckpointException($"Checkpoint {path} holds {length} values where {into.Length} are expected.");
            }

            var bytes = MemoryMarshal.AsBytes(into.AsSpan());
            reader.BaseStream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointException($"Checkpoint {path} is truncated.", e);
        }
    }
}
