#!/bin/sh
# Fill corpus/ (not committed) with seed inputs for the fuzz targets: the committed seeds, the built-in
# and fixture questionnaires, and assessments saved by the real binary. Run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
q="$here/corpus/questionnaire_loader"
a="$here/corpus/assessment_loader"
mkdir -p "$q" "$a"
cp "$here"/seeds/questionnaire_loader/* "$q"/
cp "$here"/seeds/assessment_loader/* "$a"/
cp "$root"/tests/fixtures/*.json "$q"/
cp "$root"/questionnaires/*.json "$q"/

# Assessments saved by the binary itself, of a small questionnaire and of the hostile fixture.
cargo build --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/debug/soc2-ready"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOC2_READY_HOME="$tmp/home" SOC2_READY_CONFIG="$tmp/config" SOC2_READY_NOW=2026-01-15T09:00:00Z
"$bin" new "$root/tests/fixtures/demo.json" --org "Acme AI" --no-open --out "$tmp/demo.json" >/dev/null
cp "$tmp/demo.json" "$a/demo-empty.json"
"$bin" answer "$tmp/demo.json" access.reviews documented --note "quarterly, in the IdP" >/dev/null
cp "$tmp/demo.json" "$a/demo-answered.json"
"$bin" new "$root/tests/fixtures/hostile.json" --org "Evil $(printf '\033')]0;x$(printf '\007')" --no-open \
    --out "$tmp/hostile.json" >/dev/null
"$bin" answer "$tmp/hostile.json" q1 unknown --note "$(printf 'bell\007 rlo\342\200\256')" >/dev/null
cp "$tmp/hostile.json" "$a/hostile.json"
# Hostile workbooks (issue 18), built by the integration tests rather than committed.
s="$here/corpus/spreadsheet_reader"
mkdir -p "$s"
SOC2_READY_WRITE_SEEDS="$s" cargo test --quiet --manifest-path "$root/Cargo.toml" --test it \
    hostile_workbooks::write_fuzz_seeds >/dev/null

echo "corpus: $(ls "$q" | wc -l) questionnaire inputs, $(ls "$a" | wc -l) assessment inputs"
