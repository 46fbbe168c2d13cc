using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentOS.Inference;
using AgentOS.Native;
using AgentOS.Testing;

// Usage:
//   AgentOS.Bench model                       prints the path of the benchmark GGUF (generated on first use)
//   AgentOS.Bench run --model PATH --threads N --prompt-tokens P --gen-tokens G --repeats R --context C --batch B [--gpu]
// "run" prints one JSON line; tools/bench/bench.mjs prints the same for node-llama-cpp. Both measure:
//   prefill: P prompt tokens decoded in one batch into an empty sequence, tokens/s;
//   decode:  from there, G steps of "decode one token, sample the next greedily", tokens/s.
// One warm-up repeat is not counted.
if (args.Length > 0 && args[0] == "model")
{
    Console.WriteLine(TestModels.BenchmarkLlamaPath);
    return 0;
}

if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine("usage: AgentOS.Bench model | run --model PATH --threads N --prompt-tokens P --gen-tokens G --repeats R --context C --batch B");
    return 2;
}

var options = ParseOptions(args.AsSpan(1));
var modelPath = options["model"];
var threads = int.Parse(options["threads"], CultureInfo.InvariantCulture);
var promptTokens = int.Parse(options["prompt-tokens"], CultureInfo.InvariantCulture);
var genTokens = int.Parse(options["gen-tokens"], CultureInfo.InvariantCulture);
var repeats = int.Parse(options["repeats"], CultureInfo.InvariantCulture);
var contextSize = int.Parse(options["context"], CultureInfo.InvariantCulture);
var batchSize = int.Parse(options["batch"], CultureInfo.InvariantCulture);

// --gpu: let the runtime pick the CUDA build and offload every layer (default: CPU only, as node-llama-cpp here).
var gpu = options.ContainsKey("gpu");
LlamaRuntime.Initialize(new LlamaRuntimeOptions { AllowGpu = gpu });
using var model = LlamaModel.Load(modelPath, new ModelOptions { GpuLayers = gpu ? null : 0 });
using var context = model.CreateContext(new ContextOptions
{
    ContextSize = contextSize,
    BatchSize = batchSize,
    MicroBatchSize = batchSize,
    Threads = threads,
    BatchThreads = threads,
    FlashAttention = LlamaFlashAttention.Disabled,
});
using var sequence = context.CreateSequence();
using var sampler = new SamplingPipeline(model.Tokenizer, SamplingOptions.Greedy);
var prompt = BenchPrompt.Tokens(model.Tokenizer, promptTokens);

var prefill = new List<double>();
var decode = new List<double>();
var generated = new List<int>();
for (var repeat = 0; repeat <= repeats; repeat++)
{
    sequence.Clear();
    sampler.Reset();
    var stopwatch = Stopwatch.StartNew();
    sequence.Append(prompt);
    var prefillSeconds = stopwatch.Elapsed.TotalSeconds;

    generated.Clear();
    var next = prompt[0];
    stopwatch.Restart();
    for (var i = 0; i < genTokens; i++)
    {
        sequence.Append(next);
        next = sampler.Sample(sequence);
        generated.Add(next);
    }

    var decodeSeconds = stopwatch.Elapsed.TotalSeconds;
    if (repeat > 0)
    {
        prefill.Add(promptTokens / prefillSeconds);
        decode.Add(genTokens / decodeSeconds);
    }
}

// Written by hand (no reflection), so the tool also runs trimmed or as a single-file publish.
using (var json = new Utf8JsonWriter(Console.OpenStandardOutput()))
{
    json.WriteStartObject();
    json.WriteString("engine", "agentos");
    json.WriteString("backend", $"{LlamaRuntime.Backend} ({string.Join(", ", LlamaRuntime.Devices.Select(d => d.Description))})");
    json.WriteNumber("threads", threads);
    json.WriteNumber("promptTokens", prompt.Length);
    json.WriteNumber("genTokens", genTokens);
    WriteArray(json, "prefillTokensPerSecond", prefill);
    WriteArray(json, "decodeTokensPerSecond", decode);
    WriteArray(json, "firstGenerated", generated.Take(8).Select(t => (double)t));
    json.WriteEndObject();
}

Console.WriteLine();
return 0;

static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<double> values)
{
    json.WriteStartArray(name);
    foreach (var value in values)
    {
        json.WriteNumberValue(value);
    }

    json.WriteEndArray();
}

static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i].TrimStart('-');
        options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
    }

    return options;
}

/// <summary>The prompt both benchmarks decode: the same text, tokenized by the same vocabulary, cut to length.</summary>
internal static class BenchPrompt
{
    private const string Text = "The quick brown fox jumps over the lazy dog while 17 * 23 = 391 and the calculator agrees. ";

    public static int[] Tokens(LlamaTokenizer tokenizer, int count)
    {
        var text = string.Concat(Enumerable.Repeat(Text, count / 8 + 1));
        var tokens = tokenizer.Tokenize(text);
        return tokens.AsSpan(0, count).ToArray();
    }
}
