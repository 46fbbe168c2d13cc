#!/usr/bin/env bash
# Benchmarks AgentOS's llama.cpp binding against node-llama-cpp 3.22.1 (the same libllama.v0.5.0.so), on
# the same generated GGUF with the same thread count, and prints a ratio table. Extra arguments go to
# run.mjs, e.g.: tools/bench/run.sh --threads 2 --rounds 5
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ ! -d "$root/tools/bench/node_modules/node-llama-cpp" ]; then
    # Only the linux-x64 CPU binary: node-llama-cpp's other platform packages are optional dependencies.
    (cd "$root/tools/bench" && npm ci --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

cd "$root"
dotnet build tools/AgentOS.Bench -c Release -nologo -v quiet >/dev/null
model=${AGENTOS_BENCH_MODEL:-$(dotnet run --project tools/AgentOS.Bench -c Release --no-build -- model)}
exec node tools/bench/run.mjs --model "$model" "$@"
