// Runs the AgentOS benchmark and the node-llama-cpp benchmark alternately (ABBA order, so drift and
// background load hit both alike) and prints medians and ratios as a Markdown table.
//   node tools/bench/run.mjs --model PATH [--threads N] [--rounds K] [--prompt-tokens P] [--gen-tokens G]
//                            [--repeats R] [--context C] [--batch B]
// AGENTOS_BENCH_CMD overrides how the C# side starts (default: dotnet run of tools/AgentOS.Bench, Release).
import {execFileSync} from "node:child_process";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const options = {
    threads: String(os.availableParallelism()),
    rounds: "3",
    "prompt-tokens": "512",
    "gen-tokens": "128",
    repeats: "3",
    context: "1024",
    batch: "512"
};
for (let i = 2; i + 1 < process.argv.length; i += 2)
    options[process.argv[i].replace(/^-+/, "")] = process.argv[i + 1];
if (!options.model)
    throw new Error("--model PATH is required (tools/bench/run.sh passes the generated benchmark GGUF)");

const benchArgs = ["--model", options.model, "--threads", options.threads, "--prompt-tokens", options["prompt-tokens"],
    "--gen-tokens", options["gen-tokens"], "--repeats", options.repeats, "--context", options.context, "--batch", options.batch];
const agentosCommand = (process.env.AGENTOS_BENCH_CMD ?? "dotnet run --project tools/AgentOS.Bench -c Release --no-build --").split(" ");

function run(engine) {
    const [file, ...args] = engine === "agentos"
        ? [...agentosCommand, "run", ...benchArgs]
        : [process.execPath, path.join(here, "bench.mjs"), ...benchArgs];
    const output = execFileSync(file, args, {cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"]});
    return JSON.parse(output.trim().split("\n").at(-1));
}

const results = {agentos: [], "node-llama-cpp": []};
for (let round = 0; round < Number(options.rounds); round++) {
    const order = round % 2 === 0 ? ["agentos", "node-llama-cpp"] : ["node-llama-cpp", "agentos"];
    for (const engine of order) {
        const result = run(engine);
        results[engine].push(result);
        process.stderr.write(`round ${round + 1} ${engine}: prefill ${median(result.prefillTokensPerSecond).toFixed(0)} t/s, decode ${median(result.decodeTokensPerSecond).toFixed(0)} t/s\n`);
    }
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const summary = {};
for (const [engine, runs] of Object.entries(results))
    summary[engine] = {
        prefill: median(runs.flatMap(r => r.prefillTokensPerSecond)),
        decode: median(runs.flatMap(r => r.decodeTokensPerSecond))
    };

const sameTokens = JSON.stringify(results.agentos[0].firstGenerated) === JSON.stringify(results["node-llama-cpp"][0].firstGenerated);
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Model: ${path.basename(options.model)} · ${options.threads} threads · prompt ${options["prompt-tokens"]} tokens · ` +
    `${options["gen-tokens"]} generated · ${options.rounds} rounds × ${options.repeats} repeats · ${cpu} (${os.availableParallelism()} CPUs)`);
console.log(`Same greedy tokens from both: ${sameTokens ? "yes" : "NO"}`);
console.log("");
console.log("| metric | AgentOS (tokens/s) | node-llama-cpp 3.22.1 (tokens/s) | AgentOS / node |");
console.log("| --- | ---: | ---: | ---: |");
for (const metric of ["prefill", "decode"]) {
    const ours = summary.agentos[metric];
    const theirs = summary["node-llama-cpp"][metric];
    console.log(`| ${metric} | ${ours.toFixed(1)} | ${theirs.toFixed(1)} | ${(ours / theirs).toFixed(3)} |`);
}
