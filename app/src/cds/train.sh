#!/usr/bin/env bash
# Records app/target/colloquy.jsa, the class-data-sharing archive bin/colloquy starts the JVM
# with: one training run of 'serve' on a new SQLite file, until it has answered /health/ready
# once, then SIGTERM; the JVM writes the archive of every class it loaded as it exits.
# Run by the build (mvn package, on Unix-like systems): train.sh JAVA TARGET_DIR
set -euo pipefail
java=$1
target=$2
work=$target/cds-training
rm -rf "$work"
mkdir -p "$work"
rm -f "$target/colloquy.jsa"
HTTP_PORT=0 COLLOQUY_ADMIN_TOKEN=cq_class-data-sharing-training-only-0000 \
  "$java" -XX:ArchiveClassesAtExit="$target/colloquy.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$target/colloquy.jar" serve --database-url "sqlite:$work/training.db" >"$work/out.log" 2>"$work/err.log" &
pid=$!
for _ in $(seq 1 600); do
  address=$(sed -n 's#.*Colloquy listening on http://\([^/]*\)/.*#\1#p' "$work/err.log")
  [ -n "$address" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/err.log" >&2; echo "train.sh: the training server stopped" >&2; exit 1; }
  sleep 0.1
done
[ -n "$address" ] || { kill "$pid"; echo "train.sh: the training server did not start" >&2; exit 1; }
host=${address%:*}
port=${address##*:}
# One request, so that the classes that serve it are recorded too.
exec 3<>"/dev/tcp/$host/$port"
printf 'GET /health/ready HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$address" >&3
head -1 <&3 | grep -q ' 200 ' || { kill "$pid"; echo "train.sh: the training server was not ready" >&2; exit 1; }
exec 3<&-
kill -TERM "$pid"
wait "$pid" || true
[ -s "$target/colloquy.jsa" ] || { echo "train.sh: no archive was written" >&2; exit 1; }
rm -rf "$work"
