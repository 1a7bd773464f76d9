#!/usr/bin/env bash
# Builds the Calc release tarball: DIR/calc-<version>-<rid>.tar.gz (docs/install.md).
#   build/release.sh [--rid linux-x64] [--out DIR] [--no-ready-to-run]
# --rid       runtime identifier (default linux-x64; linux-arm64 cross-builds but is not tested here)
# --out       where the tarball goes (default dist/ in the repository)
# --no-ready-to-run  skip ReadyToRun (faster to build, slower to start: docs/benchmarks.md)
# The version is Version.props' CalcVersion. The tarball holds one folder, calc-<version>-<rid>/: a
# self-contained `calc` (no .NET needed on the machine) with the built-in template pack in
# plugins/builtin/, the demo jobs, the systemd unit and its environment file (systemd/), INSTALL.md.
# Prints the tarball's path as its last line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rid=linux-x64
out="$root/dist"
r2r=true
while (($#)); do
  case $1 in
    --rid) rid=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-ready-to-run) r2r=false; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "release.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
version=$(sed -n 's:.*<CalcVersion>\(.*\)</CalcVersion>.*:\1:p' "$root/Version.props")
[ -n "$version" ] || { echo "release.sh: no CalcVersion in Version.props" >&2; exit 1; }
name="calc-$version-$rid"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

dotnet publish "$root/engine/Calc.Host" -c Release -r "$rid" --self-contained true \
  -p:PublishReadyToRun=$r2r -o "$stage/$name" --nologo -v q >&2
mkdir -p "$stage/$name/systemd"
cp "$root/build/systemd/calc.service" "$root/build/systemd/calc.env" "$stage/$name/systemd/"
cp "$root/docs/install.md" "$stage/$name/INSTALL.md"

mkdir -p "$out"
tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
