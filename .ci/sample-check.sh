#!/usr/bin/env bash
# `dotnet build samples/ConfusedDeputy` (the README's command) must show each rule on the line marked
# "<ID> expected here" in the sample, nothing on the corrected code, and no secret in the SARIF log.
set -euo pipefail
cd "$(dirname "$0")/.."
sample=samples/ConfusedDeputy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/build.log"
sarif="$work/sample.sarif"
dotnet build "$sample" --no-incremental "-p:ErrorLog=$sarif%2Cversion=2.1" 2>&1 | tee "$log" | grep -E 'warning CXA|error' || true

fail=0
expected=0
# check_markers <folder> <log>: every "<ID> expected here" comment must have its warning on that line.
check_markers() {
  local folder=$1 buildlog=$2
  while IFS=: read -r file line rest; do
    name=$(basename "$file")
    for id in $(echo "$rest" | grep -oE 'CXA[0-9]{4} expected here' | cut -d' ' -f1); do
      expected=$((expected + 1))
      if grep -qE "$name\($line,[0-9]+\): warning $id" "$buildlog"; then
        echo "OK: $id at $name:$line"
      else
        echo "FAIL: $id expected at $name:$line"; fail=1
      fi
    done
  done < <(grep -rnE 'CXA[0-9]{4} expected here' "$folder" --include=*.cs)
}
check_markers "$sample" "$log"

# appsettings.json (AdditionalFile): the temporary key on line 4.
if grep -qE "appsettings\.json\(4,[0-9]+\): warning CXA2003" "$log"; then echo "OK: CXA2003 at appsettings.json:4"; else echo "FAIL: CXA2003 expected at appsettings.json:4"; fail=1; fi
expected=$((expected + 1))

actual=$(grep -oE "[A-Za-z.]+\([0-9]+,[0-9]+\): warning CXA[0-9]{4}" "$log" | sort -u | wc -l)
if [ "$actual" -ne "$expected" ]; then
  echo "FAIL: expected exactly $expected CXA diagnostics in the sample (the corrected code must stay clean), got $actual"; fail=1
fi

# The CDK sample: one trust and one resource policy of each kind (it only builds; no synthesis).
cdklog="$work/cdk.log"
dotnet build samples/CdkTrust --no-incremental 2>&1 | tee "$cdklog" | grep -E 'warning CXA|error' || true
before=$expected
expected=0
check_markers samples/CdkTrust "$cdklog"
cdk_actual=$(grep -oE "[A-Za-z.]+\([0-9]+,[0-9]+\): warning CXA[0-9]{4}" "$cdklog" | sort -u | wc -l)
if [ "$cdk_actual" -ne "$expected" ]; then
  echo "FAIL: expected exactly $expected CXA diagnostics in samples/CdkTrust (the safe roles must stay clean), got $cdk_actual"; fail=1
fi
expected=$before

# The ASP.NET Core onboarding sample (the Web SDK's targeting pack ships with the .NET SDK): the ExternalId taken from
# the request (CXA1004) and one others can guess (CXA1005), next to the corrected endpoints, which must stay clean.
weblog="$work/web.log"
dotnet build samples/TenantOnboarding --no-incremental 2>&1 | tee "$weblog" | grep -E 'warning CXA|error' || true
before=$expected
expected=0
check_markers samples/TenantOnboarding "$weblog"
web_actual=$(grep -oE "[A-Za-z.]+\([0-9]+,[0-9]+\): warning CXA[0-9]{4}" "$weblog" | sort -u | wc -l)
if [ "$web_actual" -ne "$expected" ]; then
  echo "FAIL: expected exactly $expected CXA diagnostics in samples/TenantOnboarding (the corrected endpoints must stay clean), got $web_actual"; fail=1
fi
expected=$before

# The SARIF log: help links and CWE tags present, no secret and no full key ID anywhere.
python3 - "$sarif" "$sample" <<'PY' || fail=1
import json, re, sys, pathlib
sarif_text = pathlib.Path(sys.argv[1]).read_text()
log = json.loads(sarif_text)
rules = {r["id"]: r for run in log["runs"] for r in run["tool"]["driver"].get("rules", []) if r["id"].startswith("CXA")}
assert rules, "no CXA rules in the SARIF log"
for rule_id, rule in rules.items():
    assert rule.get("helpUri", "").endswith(f"/docs/rules/{rule_id}.md"), f"{rule_id}: helpUri"
    tags = rule.get("properties", {}).get("tags", [])
    assert any(t.startswith("CWE-") for t in tags), f"{rule_id}: no CWE tag"
secrets = set()
for path in pathlib.Path(sys.argv[2]).rglob("*"):
    if path.suffix in (".cs", ".json") and "obj" not in path.parts and "bin" not in path.parts:
        text = path.read_text()
        secrets.update(m.group(0) for m in re.finditer(r"(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", text))
        secrets.update(m.group(1) for m in re.finditer(r'"([A-Za-z0-9/+=]{40})"', text))
assert secrets, "the sample should contain the (fake) leaked keys"
leaks = [s for s in secrets if s in sarif_text]
assert not leaks, f"secret(s) printed in the SARIF log: {len(leaks)}"
print(f"OK: SARIF has {len(rules)} CXA rules with help links and CWE tags, and none of the {len(secrets)} secrets/key IDs of the sample")
PY
exit $fail
