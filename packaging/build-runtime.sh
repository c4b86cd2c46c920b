#!/usr/bin/env bash
# Builds the self-contained runtime of the Crafty sidecar into packaging/target/sidecar/:
#
#   bin/crafty-sidecar, bin/crafty-sidecar.bat   the launchers the studio app starts
#   bin/java, lib/, conf/, legal/, release        a jlink image of only the JDK modules the jars use
#   conf/crafty-sidecar.args                      the JVM flags (from packaging/launcher/)
#   app/voice-server.jar, app/libs/*.jar          the sidecar
#   lib/crafty.aot (JDK 25+) or lib/crafty.jsa    class cache from a training run (AOT cache / AppCDS)
#
#   packaging/build-runtime.sh [--no-training] [--force]
#
# Needs the jars (`mvn -DskipTests package`; built here when missing) and a JDK 21 or newer with
# jlink, found like ./studio finds one (JAVA_HOME, java on the PATH, /usr/lib/jvm/*), preferring a
# JDK 25+ because only it makes an AOT cache. The image is built by, and runs, that JDK's VM.
# Does nothing when its inputs have not changed since the last build (--force rebuilds).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/packaging"
OUT="$HERE/target/sidecar"
SERVER="$ROOT/voice-server/target"
BENCH="$ROOT/bench/target/crafty-bench.jar"
TRAINING=true
FORCE=false
COMPLETE=false
JARS=()

say() { printf '\033[1mbuild-runtime:\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

for arg in "$@"; do
  case "$arg" in
    --no-training) TRAINING=false ;;
    --force) FORCE=true ;;
    *) die "unknown option $arg (use --no-training, --force)" ;;
  esac
done

# Prints the major version of the java binary $1, or nothing.
java_major() {
  local line
  line=$("$1" -version 2>&1 | head -n 1) || return 0
  line=${line#*version \"}
  line=${line%%\"*}
  line=${line#1.}
  printf '%s' "${line%%[.+-]*}"
}

# Sets JDK and MAJOR: the first JDK 25+ with jlink and jdeps, else the first JDK 21+.
find_jdk() {
  local candidates=() c major fallback="" fallback_major=0
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/*; do [[ -d "$c" ]] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" && -x "$c/bin/jlink" && -x "$c/bin/jdeps" ]] || continue
    major=$(java_major "$c/bin/java")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major >= 25 )); then
      JDK="$c" MAJOR="$major"
      return 0
    fi
    if (( major >= 21 )) && [[ -z "$fallback" ]]; then
      fallback="$c" fallback_major="$major"
    fi
  done
  [[ -n "$fallback" ]] || die "No JDK 21 or newer with jlink found (looked at JAVA_HOME, java on the PATH and /usr/lib/jvm/*). Install one (Temurin 25 recommended) or point JAVA_HOME at it."
  JDK="$fallback" MAJOR="$fallback_major"
  say "using JDK $MAJOR at $JDK: it cannot make an AOT cache (JDK 25+), so the class cache is an AppCDS archive"
}

# Builds the jars when they are missing or older than their sources (as ./studio does).
ensure_jars() {
  local jar
  for jar in "$SERVER/voice-server.jar" "$BENCH"; do
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/voice-server/pom.xml" "$ROOT/voice-server/src" \
          "$ROOT/bench/pom.xml" "$ROOT/bench/src" -newer "$jar" -print -quit)" ]]; then
      command -v mvn >/dev/null 2>&1 || die "the jars are not built (or out of date) and Maven is not installed"
      say "building the jars..."
      (cd "$ROOT" && JAVA_HOME="$JDK" mvn -B -ntp -q -DskipTests package)
      # Maven leaves an unchanged jar as it was; mark both as checked against today's sources.
      touch "$SERVER/voice-server.jar" "$BENCH"
      return 0
    fi
  done
}

# Sets JARS: the sidecar's jar and exactly the libraries its manifest's Class-Path names.
# target/libs can hold more: Maven copies the dependencies there but never removes a jar the
# build stopped using, and a stale one would be copied into the image and found by Helidon's
# service loading (a dropped config parser or media support would come back).
list_jars() {
  local tmp entry classpath=""
  tmp=$(mktemp -d)
  (cd "$tmp" && "$JDK/bin/jar" -xf "$SERVER/voice-server.jar" META-INF/MANIFEST.MF)
  # a manifest wraps its lines at 72 bytes; a continuation line starts with one space
  classpath=$(tr -d '\r' <"$tmp/META-INF/MANIFEST.MF" | awk '
    /^Class-Path: / { on = 1; line = substr($0, 13); next }
    on && /^ / { line = line substr($0, 2); next }
    { on = 0 }
    END { print line }')
  rm -rf "$tmp"
  [[ -n "$classpath" ]] || die "$SERVER/voice-server.jar has no Class-Path in its manifest"
  JARS=("$SERVER/voice-server.jar")
  for entry in $classpath; do
    [[ -f "$SERVER/$entry" ]] || die "$SERVER/$entry is missing (run mvn -DskipTests package)"
    JARS+=("$SERVER/$entry")
  done
}

sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

# A fingerprint of everything the runtime is made from.
inputs_fingerprint() {
  {
    printf '%s %s %s\n' "$JDK" "$TRAINING" "$(tr '\n' ' ' <"$JDK/release" 2>/dev/null)"
    sha256 "${JARS[@]}" "$HERE"/launcher/* "$HERE/build-runtime.sh"
    if [[ "$TRAINING" == true ]]; then sha256 "$BENCH"; fi
  } | sha256 | cut -d' ' -f1
}

# Prints the comma-separated JDK modules the sidecar needs. jdeps lists, per jar, the JDK modules
# its classes refer to. A reference is left out when the jar is a module that declares that
# dependency optional (`requires static`), as Jackson's data binding did for its java.beans,
# java.sql and DOM support while the sidecar used it. The training run and the smoke test exercise every route on the resulting image, so a
# module that is needed after all fails the build.
jdk_modules() {
  local jar desc name src dst modifiers optional="" needed="java.base"
  for jar in "${JARS[@]}"; do
    desc=$("$JDK/bin/jar" --describe-module --file "$jar" --release "$MAJOR" 2>/dev/null) || continue
    # "<module>@<version> <where>", after a "releases: …" line for a multi-release jar
    name=$(grep -m 1 -E '^[^ ]+@[^ ]* ' <<<"$desc") || continue
    name=${name%%@*}
    while read -r _ dst modifiers; do
      if [[ " $modifiers " == *" static "* ]]; then optional+="$name>$dst"$'\n'; fi
    done < <(grep '^requires ' <<<"$desc")
  done
  while read -r src _ dst; do
    [[ "$dst" =~ ^(java|jdk)\. ]] || continue
    if grep -qxF "$src>$dst" <<<"$optional"; then
      say "leaving out $dst: $src declares it optional"
      continue
    fi
    if [[ ",$needed," != *",$dst,"* ]]; then
      needed+=",$dst"
    fi
  done < <("$JDK/bin/jdeps" --ignore-missing-deps --multi-release "$MAJOR" -summary "${JARS[@]}" 2>/dev/null | grep ' -> ')
  printf '%s' "$needed"
}

# sqlite-jdbc (the conversation store) unpacks its native library into the temp directory at
# every start, after running `uname -o` to rule out Android: about 50 ms and a stray file each
# time. The runtime carries the library for its own system in lib/native instead, and the
# launchers point sqlite-jdbc at it (org.sqlite.lib.path and org.sqlite.lib.name).
unpack_native_libraries() {
  local jar os arch name unpacked
  jar=$(find "$OUT/app/libs" -name 'sqlite-jdbc-*.jar' | head -n 1)
  [[ -n "$jar" ]] || return 0
  case "$(uname -s)" in
    Linux) os=Linux name=libsqlitejdbc.so ;;
    Darwin) os=Mac name=libsqlitejdbc.dylib ;;
    MINGW* | MSYS* | CYGWIN*) os=Windows name=sqlitejdbc.dll ;;
    *) say "no SQLite library for $(uname -s): sqlite-jdbc unpacks its own"; return 0 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) say "no SQLite library for $(uname -m): sqlite-jdbc unpacks its own"; return 0 ;;
  esac
  unpacked=$(mktemp -d)
  (cd "$unpacked" && "$JDK/bin/jar" xf "$jar" "org/sqlite/native/$os/$arch/$name")
  if [[ -f "$unpacked/org/sqlite/native/$os/$arch/$name" ]]; then
    mkdir -p "$OUT/lib/native"
    mv "$unpacked/org/sqlite/native/$os/$arch/$name" "$OUT/lib/native/"
  else
    say "$(basename "$jar") has no $os/$arch library: sqlite-jdbc will look for one itself"
  fi
  rm -rf "$unpacked"
}

# whisper-jni and piper-jni carry their native libraries for every system inside their jars and
# would copy them into the temp directory at every start. The sidecar unpacks them once into a
# folder of its own (speech.natives); here that folder is made inside the runtime, by the
# runtime's own JVM, which also loads both sets, so an image that cannot load them is never
# built. The launchers point SPEECH_NATIVES at it.
unpack_speech_libraries() {
  local sep=":"
  [[ -f "$OUT/bin/java.exe" ]] && sep=";"
  say "unpacking and loading the whisper.cpp and Piper libraries into lib/native/speech..."
  "$OUT/bin/java" --enable-native-access=ALL-UNNAMED -cp "$OUT/app/voice-server.jar$sep$OUT/app/libs/*" \
    com.kidmodstudio.crafty.speech.NativeLibraries "$OUT/lib/native/speech" >&2 \
    || die "the runtime cannot load the whisper.cpp and Piper libraries (see above)"
}

# Copies the flags of packaging/launcher/crafty-sidecar.args that this JVM accepts, each tried
# together with the ones before it (some depend on others, e.g. CICompilerCount=1 on C1 only).
write_flags() {
  local line accepted=()
  mkdir -p "$OUT/conf"
  while IFS= read -r line; do
    if [[ "$line" == -* ]]; then
      if ! "$OUT/bin/java" ${accepted[@]+"${accepted[@]}"} "$line" -version >/dev/null 2>&1; then
        say "leaving out $line: this JVM does not accept it"
        continue
      fi
      accepted+=("$line")
    fi
    printf '%s\n' "$line"
  done <"$HERE/launcher/crafty-sidecar.args" >"$OUT/conf/crafty-sidecar.args"
}

# The training run: the image starts through its own launcher with the recording option, serves
# every route once (bench/…/Training.java), stops; then starts again with the cache required.
train() {
  local record verify launcher
  if (( MAJOR >= 25 )); then
    # the JDK's default AOT class linking: the cache's classes, lambdas and call sites come
    # linked, so start-up spins no lambda classes (packaging/README.md, "The training run")
    record="-XX:AOTCacheOutput=$OUT/lib/crafty.aot"
    # ...but without the training run's method profiles: they are for C2, which the sidecar never
    # runs (-XX:TieredStopAtLevel=1), yet every class initialisation replays them. Without them
    # the cache is 1 MiB smaller, idle RSS 1.6 MiB lower and the start about 20 ms shorter
    # (packaging/README.md). A JVM without the diagnostic flag records them as before.
    if "$OUT/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -version >/dev/null 2>&1; then
      record+=" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"
    fi
    verify="-XX:AOTMode=on"
  else
    record="-XX:ArchiveClassesAtExit=$OUT/lib/crafty.jsa"
    verify="-Xshare:on"
  fi
  launcher="$OUT/bin/crafty-sidecar"
  [[ -f "$OUT/bin/java.exe" ]] && launcher="$OUT/bin/crafty-sidecar.bat"
  say "training run ($record)..."
  "$JDK/bin/java" -cp "$BENCH" com.kidmodstudio.crafty.bench.Training \
    --launcher "$launcher" --record "$record" --verify "$verify" --logs "$HERE/target/logs" >&2
}

main() {
  local started=$SECONDS fingerprint modules base_cds=()
  find_jdk
  ensure_jars
  list_jars
  fingerprint=$(inputs_fingerprint)
  if [[ "$FORCE" == false && -f "$OUT/.fingerprint" && "$(cat "$OUT/.fingerprint")" == "$fingerprint" ]]; then
    say "up to date: $OUT"
    return 0
  fi
  rm -rf "$OUT" "$HERE/target/logs"
  mkdir -p "$HERE/target"
  # A half-built runtime is removed, so the app never finds one.
  trap '[[ "$COMPLETE" == true ]] || rm -rf "$OUT"' EXIT
  modules=$(jdk_modules)
  say "jlink: JDK $MAJOR modules $modules"
  # An AOT cache holds the JDK's classes itself; an AppCDS archive (before JDK 25) extends the
  # image's base CDS archive, and without training that archive is the only class cache.
  if (( MAJOR < 25 )) || [[ "$TRAINING" == false ]]; then base_cds=(--generate-cds-archive); fi
  "$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress zip-6 ${base_cds[@]+"${base_cds[@]}"} --output "$OUT" >&2
  # The archive for heaps over 32 GiB (no compressed oops) is never used with -Xmx128m.
  rm -f "$OUT/lib/server/classes_nocoops.jsa"
  mkdir -p "$OUT/app/libs"
  cp "$SERVER/voice-server.jar" "$OUT/app/"
  cp "${JARS[@]:1}" "$OUT/app/libs/"
  install -m 755 "$HERE/launcher/crafty-sidecar" "$HERE/launcher/crafty-sidecar.bat" "$OUT/bin/"
  unpack_native_libraries
  unpack_speech_libraries
  write_flags
  if [[ "$TRAINING" == true ]]; then
    train
  fi
  printf '%s\n' "$fingerprint" >"$OUT/.fingerprint"
  COMPLETE=true
  say "built $OUT ($(du -sh "$OUT" | cut -f1)) in $((SECONDS - started)) s"
}

main
