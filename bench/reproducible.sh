#!/usr/bin/env bash
# bench/reproducible.sh: builds the function zips twice from clean and compares them byte for byte.
# Takes two full packages (several minutes on a small machine).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="$here/bench/target/reproducible"
rm -rf "$out" && mkdir -p "$out"
for build in 1 2; do
  ./mvnw -q -B -ntp -pl '!mobile' clean package -DskipTests
  sha256sum functions/*/target/*-function.zip | sed 's|functions/[a-z]*/target/||' > "$out/build-$build.sha256"
  echo "build $build (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  bench/zips.sh
done
if diff -u "$out/build-1.sha256" "$out/build-2.sha256"; then
  echo "identical: every zip of build 1 has the same SHA-256 in build 2"
else
  echo "DIFFERENT: see above"; exit 1
fi
