#!/usr/bin/env bash
# Measures the workbench's cold start under a fresh Xvfb display and a fresh user folder per run
# (no caches): milliseconds from `java -jar target/e2v.jar` (including the launcher's
# OMP_NUM_THREADS relaunch) to a visible window (seen by xdotool), and the app's own milestones
# (StartupClock): window shown, demo corpus opened, demo encoder ready (corpus embedded, enrollment
# and verification usable).
#   installer/measure-cold-start.sh [RUNS]     needs xvfb and xdotool (apt-get install -y xvfb xdotool)
# With KEEP_CDS=1 the class-data archive the first run records (decision 0123) is given to the later
# runs, as on a user's second and later starts; everything else stays fresh.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cds_keep=$(mktemp -d)
jar=target/e2v.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
for i in $(seq 1 "$runs"); do
  display=:$((90 + i))
  Xvfb "$display" -screen 0 1400x900x24 > /dev/null 2>&1 & xvfb=$!
  sleep 1
  home=$(mktemp -d)
  if [ "${KEEP_CDS:-0}" = 1 ] && [ -n "$(ls -A "$cds_keep")" ]; then
    mkdir -p "$home/cache/cds" && cp "$cds_keep"/* "$home/cache/cds/"
  fi
  start=$(date +%s%N)
  log=$home/startup.tsv
  DISPLAY=$display E2V_HOME=$home E2V_STARTUP_LOG=$log java -jar "$jar" > /dev/null 2>&1 & app=$!
  until DISPLAY=$display xdotool search --onlyvisible --name e2v > /dev/null 2>&1; do sleep 0.02; done
  shown=$(date +%s%N)
  for _ in $(seq 1 600); do grep -q '^encoder ready' "$log" 2> /dev/null && break; sleep 0.1; done
  echo "run $i: window visible after $(( (shown - start) / 1000000 )) ms;" \
    "app milestones (ms since launch): $(tr '\t\n' '= ' < "$log" 2> /dev/null)"
  kill "$app"; wait "$app" 2> /dev/null || true
  kill "$xvfb"; wait "$xvfb" 2> /dev/null || true
  if [ "${KEEP_CDS:-0}" = 1 ] && [ -z "$(ls -A "$cds_keep")" ] && [ -d "$home/cache/cds" ]; then
    cp "$home"/cache/cds/*.jsa "$cds_keep"/ 2> /dev/null || true
  fi
  rm -rf "$home"
done
rm -rf "$cds_keep"
