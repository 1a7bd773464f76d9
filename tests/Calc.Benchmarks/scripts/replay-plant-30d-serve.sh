#!/usr/bin/env bash
# The served counterpart of replay-plant-30d.sh: the same 30 days of the PV plant and the same two jobs, run by calc serve
# (Release build) on the embedded broker, then rewound with POST /jobs/{id}/replay; prints the time from the request until
# the job caught up and compares the outputs the replay wrote with a file run (the days whose windows closed: a served job
# does not flush its last open windows when it stops). Run replay-plant-30d.sh WORKDIR first: it leaves the data and jobs.
# usage: scripts/replay-plant-30d-serve.sh WORKDIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$1"
calc() { "$root/engine/Calc.Host/bin/Release/net10.0/calc" "$@"; }
export CALC_DATA_DIR="$PWD/serve-data"
rm -rf serve-data port.txt serve.log
calc broker --port-file port.txt --topics plant:128,plant-energy:64,plant-window:64 > broker.log 2>&1 &
broker=$!
trap 'kill $broker $serve 2>/dev/null || true' EXIT
while [ ! -s port.txt ]; do sleep 0.2; done
servers=$(cat port.txt)
calc produce plant30.ndjson --topic plant --bootstrap-servers "$servers" 2> produce.log
calc serve --bootstrap-servers "$servers" --listen 127.0.0.1:0 --insecure-local 2> serve.log &
serve=$!
until url=$(grep -o 'REST API on http://[0-9.:]*' serve.log | cut -d' ' -f4) && [ -n "$url" ]; do sleep 0.2; done
status() { curl -s "$url/jobs/$1" | jq -c .status; }
for job in energy window; do
  curl -s -X PUT "$url/jobs/plant-$job" --data-binary @$job.json > /dev/null
done
for job in energy window; do
  until [ "$(status plant-$job | jq .read)" = 241496 ]; do sleep 0.5; done
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for job in energy window; do
  id=plant-$job
  kcat -b "$servers" -t $id -C -e -q -f '%p %o\n' > serve-before-$job.txt
  start=$(date +%s.%N)
  curl -s -X POST "$url/jobs/$id/replay?from=2020-05-15T00:00:00%2B05:30" | jq -c '{restartAt}'
  until status $id | jq -e '.replay.caughtUp and (.read + .replay.skipped) == 241496' > /dev/null; do sleep 0.1; done
  end=$(date +%s.%N)
  status $id | jq -c '.replay | {restartAt, reached, recordsPerSecond, read, skipped, caughtUp}'
  echo "load after $job: $(cut -d' ' -f1-3 /proc/loadavg)"
  sleep 6   # the next checkpoint (every 5 s) commits what the replay wrote
  kcat -b "$servers" -t $id -C -e -q -f '%p %o %s\n' > serve-topic-$job.txt
  python3 - "$job" "$start" "$end" <<'PY'
import json, sys
job, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
ends = {}
for line in open(f"serve-before-{job}.txt"):
    p, o = map(int, line.split())
    ends[p] = max(ends.get(p, -1), o)
def latest(lines):
    out = {}
    for line in lines:
        r = json.loads(line)
        if isinstance(r.get("value"), (int, float)):
            out[(r["assetId"], r["pointId"], r["time"])] = r["value"]
    return out
written = []
for line in open(f"serve-topic-{job}.txt"):
    p, o, value = line.split(" ", 2)
    if int(o) > ends.get(int(p), -1):
        written.append(value)
actual = latest(written)
cut = 1589481000000 + 29 * 86400000   # the last local day's windows and daily energy are still open in the served job
expected = {k: v for k, v in latest(open(f"expected-{job}.ndjson")).items() if k[2] < cut}
actual = {k: v for k, v in actual.items() if k[2] < cut}
wrong = [k for k, v in expected.items() if k not in actual or abs(actual[k] - v) > 1e-9 * max(1, abs(v))]
extra = [k for k in actual if k not in expected]
print(f"{job}: {len(expected):,} keys of the first 29 days in the file run, {len(actual):,} written by the served replay; differing or missing: {len(wrong)}, not in the file run: {len(extra)}")
print(f"{job}: request to caught up {end - start:.2f} s = {30 * 86400 / (end - start):,.0f} x real time")
sys.exit(1 if wrong or extra else 0)
PY
done
kill -INT $serve; wait $serve || true
