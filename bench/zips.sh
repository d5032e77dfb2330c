#!/usr/bin/env bash
# bench/zips.sh: each function's deployment zip (CodeUri in template.yaml) with its size and SHA-256, against the
# goals (API ≤ 10 MB, each model function ≤ 30 MB; no layers are used, so the zip is all there is).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
printf '%-24s %10s  %-8s %s\n' function MB goal sha256
grep -E '^\s+CodeUri: functions/' template.yaml | sed 's/.*CodeUri: //' | while read -r zip; do
  name=$(basename "$zip" .zip)
  case "$name" in
    api-function) goal="<= 10";;
    moderate-function|text-function|image-function) goal="<= 30";;
    *) goal="";;
  esac
  if [ -f "$zip" ]; then
    printf '%-24s %10.1f  %-8s %s\n' "$name" "$(echo "$(stat -c %s "$zip") / 1000000" | bc -l)" "$goal" "$(sha256sum "$zip" | cut -c1-16)"
  else
    printf '%-24s %10s  %-8s %s\n' "$name" missing "$goal" "(./mvnw -DskipTests package)"
  fi
done
