#!/usr/bin/env bash
# Checks that the packaged workbench really works: runs the app-image's own launcher (bundled
# runtime, jpackage class path, shipped resources) with a fresh HOME, so ND4J's native libraries are
# extracted from scratch, exactly as on a user's first start.
#
#   installer/test-package.sh [APP_IMAGE_DIR] [DEB_FILE]
#
# Defaults: target/installer/e2v and the newest target/installer/e2v_*.deb (skipped when absent).
# Build them first with installer/build.sh. Exit code 0 when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."

image=${1:-target/installer/e2v}
deb=${2:-$(ls -t target/installer/e2v_*.deb 2>/dev/null | head -1 || true)}
launcher="$image/bin/e2v"
[ -x "$launcher" ] || { echo "test-package: no launcher at $launcher; run installer/build.sh first" >&2; exit 1; }
image=$(cd "$image" && pwd)
launcher="$image/bin/e2v"

work=$(mktemp -d /tmp/e2v-package-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A fresh home: ~/.javacpp/cache (ND4J natives) and ~/.e2v (caches) start empty. OMP_NUM_THREADS
# is left unset on purpose so the launcher's relaunch (decision 0001) runs inside the package.
export HOME="$work/home"
mkdir -p "$HOME"
unset OMP_NUM_THREADS E2V_HOME E2V_LAUNCHED || true
cd "$work"

failures=0
step() { printf '%-62s ' "test-package: $1"; }
pass() { echo "ok ($1)"; }
fail() { echo "FAILED: $1"; failures=$((failures + 1)); }
seconds() { echo $(( $(date +%s) - $1 ))s; }

# 1. info: versions, the ND4J CPU backend loaded from the bundled natives, and the relaunch's threads.
step "e2v info"
t=$(date +%s)
if "$launcher" info > info.json 2> info.err \
    && grep -q '"kind" *: *"cpu"' info.json \
    && grep -q '"OMP_NUM_THREADS" *: *"[1-8]"' info.json \
    && grep -q "\"resources\" *: *\"$image/lib/app/resources\"" info.json; then
  pass "$(seconds "$t")"
else
  fail "see below"; cat info.json info.err
fi
if [ -d "$HOME/.javacpp/cache" ]; then
  echo "test-package: ND4J natives extracted to \$HOME/.javacpp/cache ($(du -sh "$HOME/.javacpp/cache" | cut -f1))"
fi

# 2. corpus: the shipped demo corpus beside the jar (AppInfo.resourcesDir()) loads: 300 utterances.
manifest="$image/lib/app/resources/demo/manifest.csv"
step "e2v corpus <app>/resources/demo/manifest.csv"
t=$(date +%s)
if "$launcher" corpus "$manifest" > corpus.json 2> corpus.err && grep -q '"utterances" *: *300' corpus.json; then
  pass "$(seconds "$t")"
else
  fail "see below"; head -c 2000 corpus.json; cat corpus.err
fi

# 3. A tiny task on the demo corpus ("corpus.path: demo" is resolved through the shipped resources):
#    check it, run it (feature extraction, ND4J training, enrollment, verification, charts).
cat > tiny.yaml <<'YAML'
name: package-test
seed: 7
corpus:
  path: demo
splits:
  scheme: corpus
pretrain:
  classes: [angry, happy, neutral, sad]
  encoder: {type: gru-transformer, gru_hidden: 16, model_dim: 16, layers: 1, heads: 2, ff_dim: 32}
  training: {epochs: 2, per_class: 4, episodes_per_epoch: 4}
task:
  classes: [neutral, frustrated]
  enroll_count: 5
  repeats: 2
analyses:
  polar_histogram: true
YAML
step "e2v task check tiny.yaml"
t=$(date +%s)
if "$launcher" task check tiny.yaml > check.yaml 2> check.err && grep -q 'package-test' check.yaml; then
  pass "$(seconds "$t")"
else
  fail "see below"; cat check.yaml check.err
fi

step "e2v run tiny.yaml (demo corpus, 2 epochs)"
t=$(date +%s)
if "$launcher" run --quiet --out runs tiny.yaml > run.json 2> run.err; then
  rundir=$(find runs -mindepth 1 -maxdepth 1 -type d | head -1)
  missing=""
  for f in run.json metrics.json task.yaml predictions.csv model.e2vm; do
    [ -s "$rundir/$f" ] || missing="$missing $f"
  done
  if [ -z "$missing" ] && ls "$rundir"/charts/*.png > /dev/null 2>&1; then
    pass "$(seconds "$t")"
  else
    fail "run directory $rundir lacks$missing or charts/*.png"; ls -R "$rundir"
  fi
else
  fail "see below"; tail -c 3000 run.err
  rundir=""
fi

# 4. metrics on the run's predictions (and McNemar against itself: no discordant pairs).
if [ -n "${rundir:-}" ] && [ -s "$rundir/predictions.csv" ]; then
  step "e2v metrics predictions.csv --against predictions.csv"
  t=$(date +%s)
  if "$launcher" metrics "$rundir/predictions.csv" --against "$rundir/predictions.csv" > metrics.json 2> metrics.err \
      && grep -q '"uar"' metrics.json; then
    pass "$(seconds "$t")"
  else
    fail "see below"; cat metrics.json metrics.err
  fi
fi

# 5. The GUI starts under a virtual display and stays up (JavaFX natives, fonts, the demo corpus).
if command -v xvfb-run > /dev/null 2>&1; then
  step "GUI under xvfb-run stays up for 25 s"
  set +e
  # Start the GUI inside the virtual display, check it is still alive after 25 s, and stop the app
  # before the X server goes away (stopping the server first makes the app print an X IO error).
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
      "$1" > gui.out 2> gui.err & pid=$!
      sleep 25
      cp gui.err gui.err.before
      if kill -0 "$pid" 2>/dev/null; then echo alive > gui.status; kill "$pid"; wait "$pid"
      else wait "$pid"; echo "exited $?" > gui.status; fi' _ "$launcher"
  set -e
  status=$(cat gui.status 2>/dev/null || echo "no status")
  if [ "$status" = alive ] && ! grep -qiE 'exception|error' gui.err.before; then
    pass "running"
  else
    fail "$status"; tail -c 3000 gui.err.before 2>/dev/null || tail -c 3000 gui.err
  fi
else
  echo "test-package: xvfb-run not installed, GUI check skipped"
fi

# 6. The .deb: the launcher, the shipped resources, a desktop entry and the icon are in it.
if [ -n "$deb" ] && [ -f "$OLDPWD/$deb" -o -f "$deb" ]; then
  [ -f "$deb" ] || deb="$OLDPWD/$deb"
  step "deb contents ($(basename "$deb"))"
  dpkg-deb -c "$deb" > deb.txt
  missing=""
  for p in 'opt/e2v[^/]*/bin/e2v$' 'lib/app/resources/demo/manifest.csv$' '\.desktop$' 'lib/e2v[^/]*\.png$'; do
    grep -qE "$p" deb.txt || missing="$missing $p"
  done
  if [ -z "$missing" ]; then
    pass "$(du -h "$deb" | cut -f1)"
  else
    fail "missing$missing"
  fi
  # its maintainer scripts survive a system without a desktop menu directory (installer/deb-resources)
  step "deb scripts tolerate a missing desktop menu"
  rm -rf deb-control && dpkg-deb -e "$deb" deb-control
  if grep -q "no desktop menu" deb-control/postinst && grep -q "no desktop menu" deb-control/prerm \
      && sh -n deb-control/postinst && sh -n deb-control/prerm; then
    pass "postinst, prerm"
  else
    fail "postinst/prerm are jpackage's defaults or not valid sh: was it built with --resource-dir installer/deb-resources?"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "test-package: $failures check(s) failed" >&2
  exit 1
fi
echo "test-package: all checks passed"
