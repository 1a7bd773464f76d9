#!/usr/bin/env bash
# Issue 19, point 4: 30 days of the real PV plant (22 inverters, 15-minute data) replayed with the Release build
# through an energy job and a window job on the embedded broker; prints the multiple of real time and checks that
# the replayed outputs (last value per key) equal a fresh file run of the same records. docs/benchmarks.md, "Replay".
# usage: scripts/replay-plant-30d.sh [WORKDIR]   (needs kcat, jq, python3; builds nothing: run
#   dotnet build engine/Calc.Host -c Release and dotnet build tools/Calc.Tools.SimData first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=${1:-$(mktemp -d /tmp/calc-replay-plant.XXXXXX)}
mkdir -p "$work" && cd "$work"
calc() { "$root/engine/Calc.Host/bin/Release/net10.0/calc" "$@"; }
export CALC_DATA_DIR="$work/data"

# The converter's records of the whole file, cut to the 30 local days from 2020-05-15T00:00+05:30.
from=1589481000000; to=$((from + 30 * 86400000))
[ -s plant-all.ndjson ] || dotnet "$root/tools/Calc.Tools.SimData/bin/Debug/net10.0/Calc.Tools.SimData.dll" convert solar /work/shared/data/solar-plant1-generation.csv plant-all.ndjson
jq -c "select(.time >= $from and .time < $to)" plant-all.ndjson > plant30.ndjson
echo "records: $(wc -l < plant30.ndjson) over 30 days"

cat > energy.json <<'JOB'
{"id":"plant-energy","orgId":"o1","pipeline":[
  {"op":"template","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
   "policies":[{"input":"inverter::TOTAL_YIELD","dailyOutput":"inverter::ENERGY_DAY"}]},
  {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"Asia/Kolkata","detailInterval":"1h","maxGap":"1h"},
   "policies":[{"input":"inverter::AC_POWER","dailyOutput":"inverter::AC_ENERGY_DAY","detailOutput":"inverter::AC_ENERGY_1H"}]}],
 "source":{"kafka":{"topic":"plant"}},"outputs":{"kafka":{"topic":"plant-energy","internal":false}}}
JOB
cat > window.json <<'JOB'
{"id":"plant-window","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
 "policies":[{"input":"inverter::AC_POWER","aggregation":"avg","output":"inverter::AC_POWER_1H"},
             {"input":"inverter::DC_POWER","aggregation":"max","output":"inverter::DC_POWER_MAX_1H"},
             {"input":"inverter::DAILY_YIELD","aggregation":"last","output":"inverter::DAILY_YIELD_1H"}],
 "source":{"kafka":{"topic":"plant"}},"outputs":{"kafka":{"topic":"plant-window","internal":false}}}
JOB

rm -f port.txt
calc broker --port-file port.txt --topics plant:128,plant-energy:64,plant-window:64 > broker.log 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null || true' EXIT
while [ ! -s port.txt ]; do sleep 0.2; done
servers=$(cat port.txt)
calc produce plant30.ndjson --topic plant --bootstrap-servers "$servers" 2> produce.log
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

for job in energy window; do
  id=plant-$job
  # The job's first run, then the replay of all 30 days from the first local day.
  calc run $job.json --bootstrap-servers "$servers" --idle-exit 3s --checkpoint-dir ck 2> run-$job.log
  kcat -b "$servers" -t $id -C -e -q -f '%p %o\n' > before-$job.txt
  start=$(date +%s.%N)
  calc replay $job.json --from 2020-05-15T00:00:00+05:30 --bootstrap-servers "$servers" --idle-exit 3s --checkpoint-dir ck 2> replay-$job.log
  end=$(date +%s.%N)
  echo "load after $job: $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E "finished in|recomputed from|records read|outputs dated" replay-$job.log
  calc run $job.json --input plant30.ndjson --output expected-$job.ndjson 2> file-$job.log
  kcat -b "$servers" -t $id -C -e -q -f '%p %o %s\n' > topic-$job.txt
  python3 - "$job" "$start" "$end" <<'PY'
import json, sys, re
job, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def latest(path):
    out = {}
    for line in open(path):
        r = json.loads(line)
        if isinstance(r.get("value"), (int, float)):
            out[(r["assetId"], r["pointId"], r["time"])] = r["value"]
    return out
# Only what the replay wrote: the messages after those the first run had left in each partition.
ends = {}
for line in open(f"before-{job}.txt"):
    p, o = map(int, line.split())
    ends[p] = max(ends.get(p, -1), o)
with open(f"replayed-{job}.ndjson", "w") as out:
    for line in open(f"topic-{job}.txt"):
        p, o, value = line.split(" ", 2)
        if int(o) > ends.get(int(p), -1):
            out.write(value)
expected, actual = latest(f"expected-{job}.ndjson"), latest(f"replayed-{job}.ndjson")
wrong = [k for k, v in expected.items() if k not in actual or abs(actual[k] - v) > 1e-9 * max(1, abs(v))]
extra = [k for k in actual if k not in expected]
log = open(f"replay-{job}.log").read()
flowed = float(re.search(r"records flowed for ([\d.]+) s", log).group(1))
span_ms = 30 * 86400000
print(f"{job}: {len(expected):,} keys in the file run, {len(actual):,} written by the replay; differing or missing: {len(wrong)}, not in the file run: {len(extra)}")
print(f"{job}: command {end - start:.2f} s = {span_ms / 1000 / (end - start):,.0f} x real time; records flowed {flowed:.2f} s = {span_ms / 1000 / flowed:,.0f} x real time")
sys.exit(1 if wrong or extra else 0)
PY
done
