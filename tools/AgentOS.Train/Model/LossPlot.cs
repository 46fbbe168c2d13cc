using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace AgentOS.Train.Model;

/// <summary>
/// Draws the loss curve of a training run (the trainer's metrics CSV) as a PNG: training loss as a blue line,
/// validation loss as orange squares, on a logarithmic loss axis with labelled gridlines. Written by hand because no
/// plotting library is available offline; the picture only needs lines, squares and digits.
/// </summary>
internal static class LossPlot
{
    private const int Width = 800;
    private const int Height = 480;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;
    private static readonly Rgb Background = new(255, 255, 255);
    private static readonly Rgb Axis = new(40, 40, 40);
    private static readonly Rgb Grid = new(225, 225, 225);
    private static readonly Rgb TrainColour = new(31, 119, 180);
    private static readonly Rgb ValidationColour = new(255, 127, 14);
    private static readonly int[] RoundMantissas = [1, 2, 5];

    /// <summary>One point of the curve: the step, the training loss, and the validation loss when it was measured.</summary>
    public readonly record struct Point(int Step, double Loss, double? ValidationLoss);

    /// <summary>Reads the points of a metrics CSV written by the trainer (header line, then step,loss,…,validation_loss).</summary>
    public static IReadOnlyList<Point> ReadMetrics(string path)
    {
        var points = new List<Point>();
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split(',');
            if (fields.Length < 6
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var step)
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var loss))
            {
                throw new InvalidDataException($"{path}: '{line}' is not a metrics line (step,loss,learning_rate,gradient_norm,tokens_per_second,validation_loss).");
            }

            double? validation = double.TryParse(fields[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
            points.Add(new Point(step, loss, validation));
        }

        return points.Count > 0 ? points : throw new InvalidDataException($"{path} holds no metrics lines.");
    }

    /// <summary>Renders <paramref name="points"/> and writes the PNG to <paramref name="path"/>.</summary>
    public static void Write(IReadOnlyList<Point> points, string path)
    {
        ArgumentNullException.ThrowIfNull(points);
        var canvas = new Canvas(Width, Height, Background);
        var losses = points.Select(p => p.Loss).Concat(points.Where(p => p.ValidationLoss is not null).Select(p => p.ValidationLoss!.Value)).Where(l => l > 0).ToList();
        double lowDecade = Math.Floor(Math.Log10(losses.Min()));
        double highDecade = Math.Ceiling(Math.Log10(losses.Max()));
        if (highDecade <= lowDecade)
        {
            highDecade = lowDecade + 1;
        }

        int maxStep = Math.Max(1, points.Max(p => p.Step));
        int plotWidth = Width - Left - Right;
        int plotHeight = Height - Top - Bottom;
        int X(int step) => Left + (int)Math.Round((double)step / maxStep * plotWidth);
        int Y(double loss) => Top + (int)Math.Round((highDecade - Math.Log10(loss)) / (highDecade - lowDecade) * plotHeight);

        // Horizontal gridlines at 1, 2 and 5 of every decade, labelled; vertical ones at round steps.
        for (double decade = lowDecade; decade < highDecade; decade++)
        {
            foreach (var mantissa in RoundMantissas)
            {
                double value = mantissa * Math.Pow(10, decade);
                int y = Y(value);
                canvas.Line(Left, y, Width - Right, y, Grid);
                canvas.Text(Left - 6, y - 3, value.ToString("0.###", CultureInfo.InvariantCulture), Axis, alignRight: true);
            }
        }

        canvas.Text(Left - 6, Y(Math.Pow(10, highDecade)) - 3, Math.Pow(10, highDecade).ToString("0.###", CultureInfo.InvariantCulture), Axis, alignRight: true);
        int stepTick = NiceStep(maxStep);
        for (int step = 0; step <= maxStep; step += stepTick)
        {
            canvas.Line(X(step), Top, X(step), Height - Bottom, Grid);
            canvas.Text(X(step), Height - Bottom + 8, step.ToString(CultureInfo.InvariantCulture), Axis, alignRight: false, centre: true);
        }

        canvas.Line(Left, Top, Left, Height - Bottom, Axis);
        canvas.Line(Left, Height - Bottom, Width - Right, Height - Bottom, Axis);

        for (int i = 1; i < points.Count; i++)
        {
            canvas.Line(X(points[i - 1].Step), Y(points[i - 1].Loss), X(points[i].Step), Y(points[i].Loss), TrainColour, thickness: 2);
        }

        foreach (var point in points.Where(p => p.ValidationLoss is > 0))
        {
            canvas.Square(X(point.Step), Y(point.ValidationLoss!.Value), 4, ValidationColour);
        }

        // Legend: a line for training, a square for validation.
        canvas.Line(Width - Right - 120, Top + 12, Width - Right - 96, Top + 12, TrainColour, thickness: 2);
        canvas.Text(Width - Right - 90, Top + 9, "TRAIN", Axis, alignRight: false);
        canvas.Square(Width - Right - 108, Top + 28, 4, ValidationColour);
        canvas.Text(Width - Right - 90, Top + 25, "VALIDATION", Axis, alignRight: false);
        canvas.Text(Left + (plotWidth / 2), Height - 14, "STEP", Axis, alignRight: false, centre: true);
        canvas.Text(Left + 8, Top + 4, "LOSS PER TARGET TOKEN", Axis, alignRight: false);

        File.WriteAllBytes(path, canvas.ToPng());
    }

    private static int NiceStep(int range)
    {
        double rough = range / 8.0;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1))));
        double nice = RoundMantissas.Append(10).Select(m => m * magnitude).First(m => m >= rough);
        return Math.Max(1, (int)nice);
    }

    private readonly record struct Rgb(byte R, byte G, byte B);

    private sealed class Canvas(int width, int height, Rgb background)
    {
        // 3x5 glyphs, one row per string, '#' = ink: enough for numbers and the few capital words of the legend.
        private static readonly Dictionary<char, string[]> Glyphs = new()
        {
            ['0'] = ["###", "#.#", "#.#", "#.#", "###"], ['1'] = [".#.", "##.", ".#.", ".#.", "###"],
            ['2'] = ["###", "..#", "###", "#..", "###"], ['3'] = ["###", "..#", "###", "..#", "###"],
            ['4'] = ["#.#", "#.#", "###", "..#", "..#"], ['5'] = ["###", "#..", "###", "..#", "###"],
            ['6'] = ["###", "#..", "###", "#.#", "###"], ['7'] = ["###", "..#", "..#", "..#", "..#"],
            ['8'] = ["###", "#.#", "###", "#.#", "###"], ['9'] = ["###", "#.#", "###", "..#", "###"],
            ['.'] = ["...", "...", "...", "...", ".#."], [' '] = ["...", "...", "...", "...", "..."],
            ['A'] = [".#.", "#.#", "###", "#.#", "#.#"], ['D'] = ["##.", "#.#", "#.#", "#.#", "##."],
            ['E'] = ["###", "#..", "##.", "#..", "###"], ['I'] = ["###", ".#.", ".#.", ".#.", "###"],
            ['L'] = ["#..", "#..", "#..", "#..", "###"], ['N'] = ["#.#", "###", "###", "#.#", "#.#"],
            ['O'] = ["###", "#.#", "#.#", "#.#", "###"], ['P'] = ["###", "#.#", "###", "#..", "#.."],
            ['R'] = ["##.", "#.#", "##.", "#.#", "#.#"], ['S'] = ["###", "#..", "###", "..#", "###"],
            ['T'] = ["###", ".#.", ".#.", ".#.", ".#."], ['V'] = ["#.#", "#.#", "#.#", "#.#", ".#."],
            ['G'] = ["###", "#..", "#.#", "#.#", "###"], ['K'] = ["#.#", "#.#", "##.", "#.#", "#.#"],
        };

        private const int Scale = 2;
        private readonly byte[] _pixels = Fill(width, height, background);

        public void Set(int x, int y, Rgb colour)
        {
            if ((uint)x < (uint)width && (uint)y < (uint)height)
            {
                int offset = ((y * width) + x) * 3;
                (_pixels[offset], _pixels[offset + 1], _pixels[offset + 2]) = (colour.R, colour.G, colour.B);
            }
        }

        public void Line(int x0, int y0, int x1, int y1, Rgb colour, int thickness = 1)
        {
            int steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
            for (int i = 0; i <= steps; i++)
            {
                int x = steps == 0 ? x0 : x0 + (int)Math.Round((double)(x1 - x0) * i / steps);
                int y = steps == 0 ? y0 : y0 + (int)Math.Round((double)(y1 - y0) * i / steps);
                for (int dx = 0; dx < thickness; dx++)
                {
                    for (int dy = 0; dy < thickness; dy++)
                    {
                        Set(x + dx, y + dy, colour);
                    }
                }
            }
        }

        public void Square(int cx, int cy, int half, Rgb colour)
        {
            for (int y = cy - half; y <= cy + half; y++)
            {
                Line(cx - half, y, cx + half, y, colour);
            }
        }

        public void Text(int x, int y, string text, Rgb colour, bool alignRight, bool centre = false)
        {
            int advance = 4 * Scale;
            int textWidth = (text.Length * advance) - Scale;
            int start = alignRight ? x - textWidth : centre ? x - (textWidth / 2) : x;
            for (int i = 0; i < text.Length; i++)
            {
                if (!Glyphs.TryGetValue(char.ToUpperInvariant(text[i]), out var glyph))
                {
                    continue;
                }

                for (int row = 0; row < 5; row++)
                {
                    for (int column = 0; column < 3; column++)
                    {
                        if (glyph[row][column] == '#')
                        {
                            for (int s = 0; s < Scale * Scale; s++)
                            {
                                Set(start + (i * advance) + (column * Scale) + (s % Scale), y + (row * Scale) + (s / Scale), colour);
                            }
                        }
                    }
                }
            }
        }

        /// <summary>The picture as a PNG: 8-bit RGB, no interlace, every row with filter 0.</summary>
        public byte[] ToPng()
        {
            using var raw = new MemoryStream();
            using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0);
                    zlib.Write(_pixels, y * width * 3, width * 3);
                }
            }

            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            header[8] = 8;
            header[9] = 2;
            using var png = new MemoryStream();
            png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            WriteChunk(png, "IHDR", header);
            WriteChunk(png, "IDAT", raw.ToArray());
            WriteChunk(png, "IEND", []);
            return png.ToArray();
        }

        private static void WriteChunk(Stream stream, string type, byte[] data)
        {
            Span<byte> number = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            stream.Write(number);
            var typeAndData = new byte[4 + data.Length];
            System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
            data.CopyTo(typeAndData, 4);
            stream.Write(typeAndData);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
            stream.Write(number);
        }

        /// <summary>The CRC-32 (ISO-HDLC, as PNG and zlib use it) of <paramref name="data"/>.</summary>
        private static uint Crc32(byte[] data)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }

            return ~crc;
        }

        private static byte[] Fill(int width, int height, Rgb colour)
        {
            var pixels = new byte[width * height * 3];
            for (int i = 0; i < pixels.Length; i += 3)
            {
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (colour.R, colour.G, colour.B);
            }

            return pixels;
        }
    }
}
