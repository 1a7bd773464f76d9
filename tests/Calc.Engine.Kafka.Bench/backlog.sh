#!/usr/bin/env bash
# Memory under a backlog: N point records (default 5 M) waiting in Kafka, then one `calc run` on the
# topic; its resident set is sampled every second while it works the backlog off.
#   tests/Calc.Engine.Kafka.Bench/backlog.sh [records=5000000] [partitions=128]
# Needs the Release builds of calc and Calc.Tools.SimData, and kcat (Debian package kcat).
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-5000000}
partitions=${2:-128}
calc=engine/Calc.Host/bin/Release/net10.0/calc
simdata=tools/Calc.Tools.SimData/bin/Release/net10.0/Calc.Tools.SimData
work=$(mktemp -d)
trap 'kill $broker 2>/dev/null || true; rm -rf "$work"' EXIT

data=/tmp/calc-backlog-$records.ndjson
[ -s "$data" ] || "$simdata" write "$data" "$records" >/dev/null

# The mock broker keeps ~5 MB per partition: lz4-compressed batches and enough partitions hold it all.
"$calc" broker --port-file "$work/port" --topics "points:$partitions,calc-results:16" >/dev/null &
broker=$!
while [ ! -s "$work/port" ]; do sleep 0.2; done
servers=$(cat "$work/port")

start=$(date +%s.%N)
# The simulated fleet has 26 assets; each is split into 100 (X-0 … X-99, line number modulo 100, each
# still in time order) so that 2,600 keys spread the volume over the partitions: keyed by assetId, an
# asset stays in one partition, and with 26 keys a few partitions would overflow the mock's 5 MB.
awk -F'"assetId":"' '{ split($2, a, "\""); k = a[1] "-" (NR % 100);
       sub("\"assetId\":\"" a[1] "\"", "\"assetId\":\"" k "\""); print k "\t" $0 }' "$data" \
  | kcat -P -b "$servers" -t points -K $'\t' -z lz4 -X linger.ms=20 -X batch.num.messages=10000 -X queue.buffering.max.messages=1000000
echo "produced $records records in $(echo "$(date +%s.%N) - $start" | bc) s to $partitions partitions"

cat > "$work/job.json" <<'JOB'
{"id":"backlog","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
 "policies":[{"input":"inverter::AC_POWER","threshold":"[0,1500]","aggregation":"avg","output":"inverter::AC_POWER_1H"},
             {"input":"turbine::ActivePower","threshold":"[-50,3700]","interpolation":"lastValue","aggregation":"avg","output":"turbine::POWER_1H"}],
 "outputs":{"kafka":{"topic":"calc-results","internal":false}}}
JOB
start=$(date +%s.%N)
"$calc" run "$work/job.json" --bootstrap-servers "$servers" --input-topic points --idle-exit 5s \
  --checkpoint-dir "$work/checkpoints" 2>"$work/run.log" &
run=$!
: > "$work/rss"
while kill -0 $run 2>/dev/null; do
  ps -o rss= -p $run >>"$work/rss" 2>/dev/null || true
  sleep 1
done
wait $run
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
grep -E "records read|outputs|finished" "$work/run.log" || tail -5 "$work/run.log"
echo "RSS (MB), one sample per second: $(awk '{ printf "%d ", $1/1024 }' "$work/rss")"
awk '{ v=$1/1024; if (NR==1||v<min) min=v; if (v>max) max=v; s[NR]=v } END {
  printf "RSS min %d MB, max %d MB; from second 10 to the end: min %d MB, max %d MB\n", min, max,
    (NR>10 ? m10min : min), (NR>10 ? m10max : max) }
  NR>=10 { if (!m10set||$1/1024<m10min) m10min=$1/1024; if ($1/1024>m10max) m10max=$1/1024; m10set=1 }' "$work/rss"
echo "run took $elapsed s (including 5 s of idle exit)"
read=$(grep -oP 'records read\s+\K[\d,]+' "$work/run.log" | tr -d ,)
if [ "$read" = "$records" ]; then echo "all $records records read"; else echo "WARNING: read $read of $records records (the mock broker drops what exceeds ~5 MB per partition: use more partitions)"; fi
