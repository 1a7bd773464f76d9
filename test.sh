#!/usr/bin/env bash
# The test command (README): installs what the integration tests need on a fresh Debian machine,
# runs every test project of the solution, and ends with the total "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v victoria-metrics >/dev/null 2>&1 || need+=(victoria-metrics)
command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ] || need+=(prometheus)
command -v kcat >/dev/null 2>&1 || need+=(kcat)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)   # the release test verifies the systemd unit
[ -x /usr/bin/stunnel4 ] || [ -x /usr/bin/stunnel ] || need+=(stunnel4)   # a TLS-only Kafka listener for the security test
[ -x /usr/bin/chromium ] || need+=(chromium)                 # the web console's browser test (headless)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)      # Selenium drives it through this; nothing is downloaded
command -v npm >/dev/null 2>&1 || need+=(npm)                # the console's bundle is built with npm ci + esbuild
if ((${#need[@]})); then
  echo "test.sh: installing ${need[*]} (Debian packages used by the integration tests)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "test.sh: could not install ${need[*]}; the tests that use them will fail" >&2; }
fi

log=$(mktemp)
# -m:1 runs the test projects one after another: side by side on two cores, the Host tests' child
# processes starved the state tests' lease renewals and latency checks (CI failed on it twice).
dotnet test Calc.sln --nologo -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One "Passed!/Failed! - Failed: N, Passed: N, Skipped: N" line per test project: add them up.
awk '/(Passed|Failed)! +- Failed: /{
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
