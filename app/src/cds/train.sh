#!/usr/bin/env bash
# Records app/target/colloquy.jsa, the class-data-sharing archive bin/colloquy starts the JVM
# with: one training run of 'serve' on a new SQLite file, until it has answered /health/ready
# once, then SIGTERM; the JVM writes the archive of every class it loaded as it exits.
# Run by the build (mvn package, on Unix-like systems): train.sh JAVA TARGET_DIR
# The archive only makes starts faster: when it cannot be recorded here, the build says why and
# goes on, and bin/colloquy starts without it.
set -uo pipefail
skip() { echo "train.sh: no class-data-sharing archive: $*" >&2; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; exit 0; }
java=$1
target=$2
work=$target/cds-training
rm -rf "$work"
mkdir -p "$work" || skip "cannot create $work"
rm -f "$target/colloquy.jsa"
HTTP_PORT=0 COLLOQUY_ADMIN_TOKEN=cq_class-data-sharing-training-only-0000 \
  "$java" -XX:ArchiveClassesAtExit="$target/colloquy.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$target/colloquy.jar" serve --database-url "sqlite:$work/training.db" >"$work/out.log" 2>"$work/err.log" &
pid=$!
for _ in $(seq 1 600); do
  address=$(sed -n 's#.*Colloquy listening on http://\([^/]*\)/.*#\1#p' "$work/err.log")
  [ -n "$address" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/err.log" >&2; skip "the training server stopped"; }
  sleep 0.1
done
[ -n "$address" ] || skip "the training server did not start within 60 s"
host=${address%:*}
port=${address##*:}
# One request, so that the classes that serve it are recorded too.
exec 3<>"/dev/tcp/$host/$port" || skip "could not connect to the training server"
printf 'GET /health/ready HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$address" >&3
head -1 <&3 | grep -q ' 200 ' || skip "the training server was not ready"
exec 3<&-
kill -TERM "$pid"
wait "$pid" || true
[ -s "$target/colloquy.jsa" ] || skip "the JVM wrote none"
rm -rf "$work"
