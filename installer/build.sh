#!/usr/bin/env bash
# Builds the e2v workbench as a self-contained app-image and a Debian package with jpackage.
#
#   installer/build.sh            CPU build: target/installer/e2v/ (app-image) and e2v_<version>_amd64.deb
#   installer/build.sh --cuda     GPU build (mvn -Pcuda): package e2v-cuda; needs CUDA 11.6 + cuDNN 8.3
#   installer/build.sh --image-only   app-image only (no fakeroot/dpkg-deb needed)
#   installer/build.sh --offline  pass -o to Maven (no downloads)
#
# Output goes to target/installer/. See installer/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

cuda=false
image_only=false
mvn_flags=(-B -q)
for arg in "$@"; do
  case "$arg" in
    --cuda) cuda=true ;;
    --image-only) image_only=true ;;
    --offline) mvn_flags+=(-o) ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# jpackage from JDK 17 (the project's Java); a Temurin JDK under /usr/lib/jvm as fallback, then PATH.
jdk_bin=""
for candidate in /usr/lib/jvm/java-17-openjdk-amd64/bin ${JAVA_HOME:+"$JAVA_HOME/bin"} /usr/lib/jvm/temurin-*/bin; do
  if [ -x "$candidate/jpackage" ]; then jdk_bin="$candidate"; break; fi
done
if [ -z "$jdk_bin" ] && command -v jpackage >/dev/null 2>&1; then
  jdk_bin="$(dirname "$(readlink -f "$(command -v jpackage)")")"
fi
if [ -z "$jdk_bin" ]; then
  echo "build.sh: no jpackage found; install a JDK 17 (apt-get install -y openjdk-17-jdk)" >&2
  exit 1
fi
if ! $image_only; then
  for tool in fakeroot dpkg-deb objcopy; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "build.sh: the .deb needs $tool: apt-get install -y fakeroot binutils dpkg (or use --image-only)" >&2
      exit 1
    fi
  done
fi

name=e2v
description="Enroll-to-verify workbench for speech emotion recognition of unseen classes (CPU)."
if $cuda; then
  name=e2v-cuda
  description="Enroll-to-verify workbench for speech emotion recognition of unseen classes (CUDA build; needs the NVIDIA CUDA 11.6 runtime and cuDNN 8.3)."
  mvn_flags+=(-Pcuda)
fi

start=$(date +%s)
# copy-dependencies never deletes: without this a CPU build's nd4j-native jars would stay beside a
# CUDA build's (and the other way round).
rm -rf target/lib
echo "build.sh: mvn ${mvn_flags[*]} package -DskipTests"
mvn "${mvn_flags[@]}" package -DskipTests

# jpackage wants a purely numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
version=$(sed -n 's/^version=//p' target/classes/org/e2v/version.properties 2>/dev/null || true)
version=${version%%-*}
[[ "$version" =~ ^[0-9]+(\.[0-9]+)*$ ]] || version=0.1.0

# The input folder becomes the app folder (lib/app): e2v.jar, lib/*.jar (its manifest class path)
# and resources/ (demo corpus, demo encoder, icon) beside the jar, where AppInfo.resourcesDir() looks.
out=target/installer
input=$out/input-$name
rm -rf "$input" "$out/$name"
mkdir -p "$input" "$out"
cp target/e2v.jar "$input/"
cp -r target/lib "$input/lib"
cp -r resources "$input/resources"

# Runtime modules. jdeps cannot analyse this class path (nd4j-api ships a broken module-info), and
# reflection (Jackson, ND4J, JavaFX) hides some uses, so the list is explicit; decision 0120 says
# where each module comes from. installer/test-package.sh checks the packaged app works with it.
modules=java.base,java.desktop,java.logging,java.management,jdk.management,java.naming,java.sql,java.xml
modules+=,java.scripting,java.compiler,java.prefs,java.net.http,jdk.unsupported,jdk.crypto.ec,jdk.zipfs
modules+=,jdk.charsets

common=(
  --name "$name"
  --app-version "$version"
  --vendor "e2v project"
  --copyright "GPL-3.0"
  --description "$description"
  --input "$input"
  --main-jar e2v.jar
  --main-class org.e2v.Launcher
  --icon resources/icons/e2v.png
  --add-modules "$modules"
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive"
  # Bounded heap: ND4J frees native memory only when the GC runs (decision 0001). The launcher's
  # OMP_NUM_THREADS relaunch reuses this native launcher, so these options apply to the child too.
  --java-options "-Xmx2g"
  --java-options "-Dfile.encoding=UTF-8"
  --dest "$out"
)

echo "build.sh: jpackage app-image ($jdk_bin/jpackage)"
"$jdk_bin/jpackage" --type app-image "${common[@]}"

if ! $image_only; then
  echo "build.sh: jpackage deb"
  rm -f "$out/${name}_"*.deb
  # deb-resources: postinst/prerm that survive a system without a desktop menu directory
  "$jdk_bin/jpackage" --type deb "${common[@]}" \
    --resource-dir installer/deb-resources \
    --linux-package-name "$name" \
    --linux-deb-maintainer "e2v@users.noreply.github.com" \
    --linux-menu-group "Science;Education;Audio" \
    --linux-app-category science \
    --linux-shortcut \
    --license-file LICENSE
fi

end=$(date +%s)
echo "build.sh: done in $((end - start)) s"
du -sh "$out/$name"
ls -la "$out"/*.deb 2>/dev/null || true
