// node-llama-cpp side of the benchmark: same measurement as `AgentOS.Bench run` (see its Program.cs).
//   node tools/bench/bench.mjs --model PATH --threads N --prompt-tokens P --gen-tokens G --repeats R --context C --batch B
// Prints one JSON line.
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const options = {};
for (let i = 2; i + 1 < process.argv.length; i += 2)
    options[process.argv[i].replace(/^-+/, "")] = process.argv[i + 1];

const threads = Number(options.threads);
const promptTokens = Number(options["prompt-tokens"]);
const genTokens = Number(options["gen-tokens"]);
const repeats = Number(options.repeats);

// The prebuilt CPU binary of node-llama-cpp 3.22.1: the same libllama.v0.5.0.so AgentOS loads.
const llama = await getLlama({gpu: false, build: "never", skipDownload: true, logLevel: LlamaLogLevel.error, progressLogs: false, maxThreads: threads});
const model = await llama.loadModel({modelPath: options.model, gpuLayers: 0});
const context = await model.createContext({
    contextSize: Number(options.context),
    batchSize: Number(options.batch),
    threads: {ideal: threads, min: threads},
    flashAttention: false,
    sequences: 1
});
const sequence = context.getSequence();

const text = "The quick brown fox jumps over the lazy dog while 17 * 23 = 391 and the calculator agrees. ";
const prompt = model.tokenize(text.repeat(Math.floor(promptTokens / 8) + 1)).slice(0, promptTokens);

const prefill = [];
const decode = [];
let generated = [];
for (let repeat = 0; repeat <= repeats; repeat++) {
    await sequence.clearHistory();
    let start = performance.now();
    await sequence.evaluateWithoutGeneratingNewTokens(prompt);
    const prefillSeconds = (performance.now() - start) / 1000;

    generated = [];
    start = performance.now();
    // evaluate() decodes the given token, samples greedily, yields, decodes the sampled token, ...:
    // genTokens yields are genTokens single-token decodes and samples, like the C# loop.
    for await (const token of sequence.evaluate([prompt[0]], {temperature: 0})) {
        generated.push(token);
        if (generated.length >= genTokens)
            break;
    }
    const decodeSeconds = (performance.now() - start) / 1000;
    if (repeat > 0) {
        prefill.push(promptTokens / prefillSeconds);
        decode.push(genTokens / decodeSeconds);
    }
}

console.log(JSON.stringify({
    engine: "node-llama-cpp",
    threads,
    promptTokens: prompt.length,
    genTokens,
    prefillTokensPerSecond: prefill,
    decodeTokensPerSecond: decode,
    firstGenerated: generated.slice(0, 8)
}));
await context.dispose();
await model.dispose();
await llama.dispose();
