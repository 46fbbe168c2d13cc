using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Inference.Gguf;
using AgentOS.Kernel.Formats;

namespace AgentOS.Cli.Commands;

/// <summary><c>agentos model</c>: inspect model files.</summary>
public static class ModelCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Console output, not HTML: keep token texts such as <|im_end|> readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>model</c> command with its <c>info</c> subcommand.</summary>
    public static Command Create()
    {
        var model = new Command("model", "Inspect model files.");
        model.Subcommands.Add(CreateInfo());
        return model;
    }

    private static Command CreateInfo()
    {
        var path = new Argument<string>("path") { Description = "Path of a GGUF model file." };
        var json = new Option<bool>("--json") { Description = "Print the information as JSON." };
        var info = new Command("info", "Show a GGUF model's architecture, size, context length, vocabulary, special tokens, chat template and file type.")
        {
            path,
            json,
        };
        info.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var file = parseResult.GetRequiredValue(path);
            GgufModelSummary summary;
            try
            {
                summary = GgufModelSummary.From(GgufFile.Read(file));
            }
            catch (GgufFormatException ex)
            {
                // A bad file is the user's input, not a bug: one line, no stack trace.
                error.WriteLine($"agentos: {ex.Message}");
                return 1;
            }

            if (parseResult.GetValue(json))
            {
                WriteJson(output, file, summary);
            }
            else
            {
                WriteText(output, file, summary);
            }

            return 0;
        });
        return info;
    }

    private static void WriteText(TextWriter output, string path, GgufModelSummary s)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"File:           {path} ({FormatBytes(s.FileSize)})");
        output.WriteLine($"Architecture:   {s.Architecture ?? "(not given)"}");
        if (s.Name is not null)
        {
            output.WriteLine($"Name:           {s.Name}");
        }

        output.WriteLine(string.Create(invariant, $"Parameters:     {s.ParameterCount:N0} ({FormatCount(s.ParameterCount)}) in {s.TensorCount} tensors"));
        output.WriteLine($"Context length: {s.ContextLength?.ToString(invariant) ?? "(not given)"}");
        if (s.EmbeddingLength is not null || s.BlockCount is not null)
        {
            output.WriteLine($"Shape:          n_embd {s.EmbeddingLength?.ToString(invariant) ?? "?"}, {s.BlockCount?.ToString(invariant) ?? "?"} blocks");
        }

        output.WriteLine(s.VocabularySize is null
            ? "Vocabulary:     (none)"
            : string.Create(invariant, $"Vocabulary:     {s.VocabularySize} tokens, tokenizer {DescribeTokenizer(s.TokenizerModel)}"));
        output.WriteLine($"File type:      {s.FileType}");
        output.WriteLine(s.ChatTemplate is null
            ? $"Chat template:  absent (the kernel uses ChatML with {ToolCallFormats.Default.Name} tool calls)"
            : string.Create(invariant, $"Chat template:  {s.ChatTemplate.Length:N0} characters, tool calls in the {ToolCallFormats.Detect(s.ChatTemplate).Name} format (printed at the end)"));
        output.WriteLine(string.Create(invariant, $"Special tokens: {s.SpecialTokens.Count}"));
        var width = s.SpecialTokens.Select(t => Printable(t.Text).Length).DefaultIfEmpty(0).Max();
        foreach (var token in s.SpecialTokens)
        {
            var type = token.Type.ToString().ToLowerInvariant();
            var roles = token.Roles.Count == 0 ? string.Empty : string.Join(", ", token.Roles);
            output.WriteLine(string.Create(invariant, $"  {token.Id,7}  {Printable(token.Text).PadRight(width)}  {type,-12}  {roles}").TrimEnd());
        }

        if (s.ChatTemplate is not null)
        {
            output.WriteLine("Chat template text:");
            foreach (var line in s.ChatTemplate.Split('\n'))
            {
                output.WriteLine($"  {line}".TrimEnd());
            }
        }
    }

    private static void WriteJson(TextWriter output, string path, GgufModelSummary s)
    {
        var document = new
        {
            path,
            architecture = s.Architecture,
            name = s.Name,
            parameters = s.ParameterCount,
            tensors = s.TensorCount,
            contextLength = s.ContextLength,
            embeddingLength = s.EmbeddingLength,
            blockCount = s.BlockCount,
            vocabularySize = s.VocabularySize,
            tokenizer = s.TokenizerModel,
            fileType = s.FileType,
            fileSize = s.FileSize,
            chatTemplate = s.ChatTemplate,
            toolCallFormat = ToolCallFormats.Detect(s.ChatTemplate).Name,
            specialTokens = s.SpecialTokens.Select(t => new
            {
                id = t.Id,
                text = t.Text,
                type = t.Type.ToString().ToLowerInvariant(),
                roles = t.Roles,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }

    private static string DescribeTokenizer(string? model) => model switch
    {
        null => "(not given)",
        "llama" => "llama (SentencePiece)",
        "gpt2" => "gpt2 (byte-level BPE)",
        _ => model,
    };

    // Token texts may hold newlines or other control characters; show them escaped, on one line.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : c.ToString()));

    private static string FormatCount(long count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.##}B"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.##}M"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.##}K"),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.##} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
