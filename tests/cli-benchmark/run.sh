#!/usr/bin/env bash
# The cxa benchmark (results in docs/performance.md, "The command-line tool"):
#   bash tests/cli-benchmark/run.sh [FILES=1000] [ROUNDS=3]   (ROUNDS=0: one round, no warm-up)
# Writes the benchmark's corpus (a) (tests/CrossAccountAnalyzers.Benchmarks/Corpus.cs: FILES files, 5% with AWS code,
# 15 diagnostics per AWS file) as a folder with a project, then measures, each ROUNDS times after one warm-up:
#   1. cxa scan --mode source (the installed tool, wall clock, process start included);
#   2. the compiler alone: `dotnet build --no-incremental -p:RunAnalyzers=false`, the Csc task's time and the build's wall clock;
#   3. `dotnet build --no-incremental` of the same project with the CrossAccountAnalyzers package (wall clock, Csc task);
#   4. secretlint 13 (@secretlint/secretlint-rule-preset-recommend) on the same tree: its findings and time.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
files=${1:-1000}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)-bench.$(date +%s)"
feed="$work/feed"
echo "== pack and install ($version)" >&2
dotnet pack src/CrossAccountAnalyzers.Package -c Release -p:Version="$version" -o "$feed" -v q -m:1 >&2
dotnet pack src/CrossAccountAnalyzers.Cli -c Release -p:Version="$version" -o "$feed" -v q -m:1 >&2
dotnet tool install --tool-path "$work/tools" --add-source "$feed" CrossAccountAnalyzers.Cli --version "$version" >&2
cxa="$work/tools/cxa"
echo "== corpus" >&2
dotnet run -c Release --project tests/cli-benchmark/CorpusWriter -- "$work/plain" "$files" >&2
dotnet run -c Release --project tests/cli-benchmark/CorpusWriter -- "$work/package" "$files" "$version" >&2
printf '<configuration><packageSources><add key="cxa-bench" value="%s" /></packageSources></configuration>\n' "$feed" > "$work/package/nuget.config"
(cd "$work/plain" && dotnet restore -v q >&2)
(cd "$work/package" && dotnet restore -v q >&2)

ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
median() { python3 -c 'import sys, statistics; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.0f}")' "$@"; }
csc_ms() { python3 - "$1" <<'PY'
import re, sys
# "Task Performance Summary:" ... "     4321 ms  Csc    1 calls"
text = open(sys.argv[1], errors="replace").read()
part = text[text.rfind("Task Performance Summary"):]
m = re.search(r"^\s*(\d+) ms\s+Csc\s", part, re.M)
print(m.group(1) if m else "0")
PY
}

cxa_times=(); compile_times=(); compile_walls=(); build_walls=(); build_cscs=()
for round in $(seq 0 "$rounds"); do
  t0=$(ms); "$cxa" scan "$work/plain" --mode source --format json --output "$work/cxa.json" --fail-on none >/dev/null 2>"$work/cxa.err"; t1=$(ms)
  (cd "$work/plain" && dotnet build -c Release --no-restore --no-incremental -p:RunAnalyzers=false -clp:PerformanceSummary > "$work/compile.log" 2>&1); t2=$(ms)
  # CXA3002 is an error by default: this build fails by design, on the corpus's "Principal": "*" trusts.
  (cd "$work/package" && dotnet build -c Release --no-restore --no-incremental -clp:PerformanceSummary > "$work/build.log" 2>&1) || true; t3=$(ms)
  echo "round $round: cxa $((t1 - t0)) ms; compile $(csc_ms "$work/compile.log") ms (build $((t2 - t1)) ms); build with package $((t3 - t2)) ms (Csc $(csc_ms "$work/build.log") ms)" >&2
  [ "$round" -eq 0 ] && [ "$rounds" -gt 0 ] && continue
  cxa_times+=($((t1 - t0))); compile_times+=($(csc_ms "$work/compile.log")); compile_walls+=($((t2 - t1))); build_walls+=($((t3 - t2))); build_cscs+=($(csc_ms "$work/build.log"))
done
found=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]), ",".join(p["mode"] for p in d["projects"]))' "$work/cxa.json")
build_found=$(grep -oE "File[0-9]+\.cs\([0-9]+,[0-9]+\): (warning|error) CXA[0-9]{4}" "$work/build.log" | sort -u | wc -l)

echo "== secretlint 13" >&2
(cd "$work" && npm install --no-audit --no-fund --silent --prefix "$work/npm" secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13.0.7 >&2)
printf '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n' > "$work/plain/.secretlintrc.json"
t0=$(ms)
(cd "$work/plain" && "$work/npm/node_modules/.bin/secretlint" "src/**/*" --format json > "$work/secretlint.json" 2>"$work/secretlint.err" || true)
t1=$(ms)
secretlint_found=$(python3 -c 'import json,sys
try: d=json.load(open(sys.argv[1]))
except Exception: print("?"); sys.exit()
print(sum(len(f.get("messages", [])) for f in d))' "$work/secretlint.json")

cxa_ms=$(median "${cxa_times[@]}"); compile=$(median "${compile_times[@]}"); compile_wall=$(median "${compile_walls[@]}"); build_wall=$(median "${build_walls[@]}"); build_csc=$(median "${build_cscs[@]}")
echo
echo "cxa benchmark: $files files (corpus (a)), $([ "$rounds" -gt 0 ] && echo "median of $rounds round(s) after a warm-up" || echo "one round, no warm-up"), $(nproc) cores, dotnet $(dotnet --version)"
echo "| measurement | time | findings |"
echo "|---|---|---|"
echo "| cxa scan --mode source (wall clock, process start included) | ${cxa_ms} ms | ${found%% *} (mode: ${found#* }) |"
echo "| compiler alone: Csc task of dotnet build -p:RunAnalyzers=false | ${compile} ms | - |"
echo "| compiler alone: that dotnet build's wall clock | ${compile_wall} ms | - |"
echo "| dotnet build with the CrossAccountAnalyzers package (wall clock) | ${build_wall} ms | $build_found |"
echo "| that build's Csc task (compile + all analyzers) | ${build_csc} ms | - |"
echo "| secretlint 13, preset-recommend, same tree | $((t1 - t0)) ms | $secretlint_found |"
python3 -c 'import sys; c,k,b=map(float,sys.argv[1:]); print(f"cxa / compiler (Csc): {c/k:.2f}x; cxa / dotnet build with the package: {c/b:.2f}x")' "$cxa_ms" "$compile" "$build_wall"
