# Start-up A/B of calc builds (docs/benchmarks.md): python3 build/startup-bench.py NAME=DIR NAME=DIR
# Run in a folder holding job.json and one.ndjson; 10 rounds, the order flips every round, ratio per round.
import subprocess, time, statistics, sys, os
env = dict(os.environ, CALC_DATA_DIR=os.path.abspath(".calc-bench"))
variants = {k: v for k, v in (a.split("=", 1) for a in sys.argv[1:])}
times = {k: [] for k in variants}
ratios = []
names = list(variants)
for r in range(10):
    order = names if r % 2 == 0 else names[::-1]
    got = {}
    for k in order:
        t = time.perf_counter()
        subprocess.run([variants[k] + "/calc", "run", "job.json", "--input", "one.ndjson", "--output", "o-" + k + ".ndjson"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        got[k] = time.perf_counter() - t
        times[k].append(got[k])
    ratios.append(got[names[1]] / got[names[0]])
for k in names:
    print(k, "median %.3f s" % statistics.median(times[k]), " ".join("%.2f" % x for x in times[k]))
print("ratio %s/%s per round: median %.2f" % (names[1], names[0], statistics.median(ratios)), " ".join("%.2f" % x for x in ratios))
