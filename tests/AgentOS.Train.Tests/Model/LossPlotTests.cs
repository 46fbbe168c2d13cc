using System.Buffers.Binary;
using System.IO.Compression;
using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Model;

/// <summary>The loss-curve PNG: a file any PNG reader accepts, with the curve drawn on it.</summary>
public sealed class LossPlotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentos-plot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Write_Metrics_IsAValidRgbPngWithTheTrainingLineOnIt()
    {
        var csv = Path.Combine(_directory, "metrics.csv");
        File.WriteAllLines(csv, [
            "step,loss,learning_rate,gradient_norm,tokens_per_second,validation_loss",
            "10,5.5,0.001,1.0,20000,",
            "20,2.0,0.002,1.0,20000,2.4",
            "30,0.4,0.002,1.0,20000,",
            "40,0.2,0.001,1.0,20000,0.35",
        ]);
        var png = Path.Combine(_directory, "loss.png");

        LossPlot.Write(LossPlot.ReadMetrics(csv), png);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        var chunks = Chunks(bytes);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal((byte)8, header[8]);
        Assert.Equal((byte)2, header[9]);

        // The IEND chunk's CRC is the same in every PNG: a check of the CRC against the standard's value.
        Assert.Equal(0xAE426082u, chunks[2].Crc);

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        Assert.Equal(height * (1 + (width * 3)), raw.Length);
        var trainPixels = 0;
        var validationPixels = 0;
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            Assert.Equal(0, raw[row]);
            for (var x = 0; x < width; x++)
            {
                var p = row + 1 + (x * 3);
                trainPixels += raw[p] == 31 && raw[p + 1] == 119 && raw[p + 2] == 180 ? 1 : 0;
                validationPixels += raw[p] == 255 && raw[p + 1] == 127 && raw[p + 2] == 14 ? 1 : 0;
            }
        }

        Assert.True(trainPixels > 500, $"{trainPixels} pixels of the training line");
        Assert.True(validationPixels >= 3 * 81, $"{validationPixels} pixels of validation squares");
    }

    [Fact]
    public void ReadMetrics_NotAMetricsFile_ThrowsNamingTheLine()
    {
        var csv = Path.Combine(_directory, "metrics.csv");
        File.WriteAllLines(csv, ["step,loss", "ten,five"]);

        var error = Assert.Throws<InvalidDataException>(() => LossPlot.ReadMetrics(csv));

        Assert.Contains("'ten,five'", error.Message, StringComparison.Ordinal);
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            chunks.Add((type, png[(offset + 8)..(offset + 8 + length)], BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length))));
            offset += 12 + length;
        }

        return chunks;
    }
}
