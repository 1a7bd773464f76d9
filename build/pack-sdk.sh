#!/usr/bin/env bash
# Packs what a partner builds against: Calc.Sdk, Calc.Sdk.Testing and the `dotnet new calc-plugin`
# template package (Calc.Templates.Plugin), all at Version.props' CalcSdkVersion, into DIR
# (default dist/nuget). Push them to your feed with `dotnet nuget push DIR/*.nupkg`.
#   build/pack-sdk.sh [--out DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/dist/nuget"
while (($#)); do
  case $1 in
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "pack-sdk.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
# _IsPacking: the test kit's engine references become files inside its package, not dependencies.
dotnet pack "$root/sdk/Calc.Sdk" -c Release -o "$out" --nologo -v q >&2
dotnet pack "$root/sdk/Calc.Sdk.Testing" -c Release -o "$out" --nologo -v q -p:_IsPacking=true >&2
dotnet pack "$root/build/plugin-template" -c Release -o "$out" --nologo -v q >&2
ls "$out"/*.nupkg
