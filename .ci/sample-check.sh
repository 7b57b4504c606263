#!/usr/bin/env bash
# `dotnet build samples/ConfusedDeputy` (the README's command) must show CXA1001 on the line marked in the sample.
set -euo pipefail
cd "$(dirname "$0")/.."
file=samples/ConfusedDeputy/CustomerReportHandler.cs
line=$(grep -n 'CXA1001 expected here' "$file" | cut -d: -f1)
log=$(mktemp)
dotnet build samples/ConfusedDeputy --no-incremental 2>&1 | tee "$log" | grep -E 'warning CXA|error' || true
if ! grep -qE "CustomerReportHandler\.cs\($line,[0-9]+\): warning CXA1001" "$log"; then
  echo "FAIL: the sample build did not show CXA1001 at $file:$line"; exit 1
fi
count=$(grep -oE "CustomerReportHandler\.cs\([0-9]+,[0-9]+\): warning CXA1001" "$log" | sort -u | wc -l)
if [ "$count" -ne 1 ]; then
  echo "FAIL: expected exactly one CXA1001 in the sample (the corrected handler must stay clean), got $count"; exit 1
fi
echo "OK: CXA1001 at $file:$line, and nowhere else"
