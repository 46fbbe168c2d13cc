using System.Text;

namespace AgentOS.Train.Model;

/// <summary>
/// The file between the corpus and the trainer: tokenized sequences with their target flags, nothing
/// else. Binary, little-endian: "AGOSTOKS", version (int32), sequence count (int32), then per sequence
/// its length n (int32), n token ids (int32) and n target flags (one byte each, 0 or 1).
/// </summary>
internal static class TrainingDataFile
{
    private const string Magic = "AGOSTOKS";
    private const int Version = 1;

    /// <summary>Writes <paramref name="sequences"/> to <paramref name="path"/> through a temporary file.</summary>
    public static void Write(string path, IReadOnlyCollection<TrainingSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sequences);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.ASCII))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            writer.Write(sequences.Count);
            foreach (var sequence in sequences)
            {
                writer.Write(sequence.Length);
                foreach (int token in sequence.Tokens)
                {
                    writer.Write(token);
                }

                foreach (bool target in sequence.Targets)
                {
                    writer.Write(target ? (byte)1 : (byte)0);
                }
            }
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a damaged file is an <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static List<TrainingSequence> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Training data {path} does not exist.", path);
        }

        using var reader = new BinaryReader(File.OpenRead(path), Encoding.ASCII);
        try
        {
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            {
                throw new InvalidDataException($"{path} is not a token file of the trainer (it lacks the {Magic} header).");
            }

            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"{path} has token-file version {version}; this trainer reads version {Version}.");
            }

            int count = reader.ReadInt32();
            if (count < 0)
            {
                throw new InvalidDataException($"{path} claims {count} sequences.");
            }

            var sequences = new List<TrainingSequence>(Math.Min(count, 1 << 20));
            long remaining = reader.BaseStream.Length;
            for (int s = 0; s < count; s++)
            {
                int length = reader.ReadInt32();
                if (length < 2 || (long)length * 5 > remaining)
                {
                    throw new InvalidDataException($"{path}: sequence {s} claims {length} tokens, which the file cannot hold (or fewer than two).");
                }

                var tokens = new int[length];
                for (int i = 0; i < length; i++)
                {
                    tokens[i] = reader.ReadInt32();
                }

                var targets = new bool[length];
                for (int i = 0; i < length; i++)
                {
                    byte flag = reader.ReadByte();
                    targets[i] = flag switch
                    {
                        0 => false,
                        1 => true,
                        _ => throw new InvalidDataException($"{path}: sequence {s} has target flag {flag} at token {i}; flags are 0 or 1."),
                    };
                }

                try
                {
                    sequences.Add(new TrainingSequence(tokens, targets));
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"{path}: sequence {s}: {e.Message}", e);
                }
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new InvalidDataException($"{path} has {reader.BaseStream.Length - reader.BaseStream.Position} bytes after its last sequence.");
            }

            return sequences;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is truncated.", e);
        }
    }
}
