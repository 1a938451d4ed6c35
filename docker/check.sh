#!/usr/bin/env bash
# Validates the container files without a Docker engine:
#   - docker/compose.yml, both profiles, with Debian's docker-compose (`config`),
#   - docker/Dockerfile with dockerfile-utils' linter (the one behind editors' Dockerfile support),
#   - .github/workflows/*.yml against GitHub's workflow schema with action-validator,
#   - docker/Dockerfile's build stage, run for real by docker/build-stage.py on exactly the context
#     the Dockerfile and its ignore file let through,
# and proves each check can fail: each one must refuse a broken copy as well.
# Installs what is missing: docker-compose with apt-get (as root), the two npm tools, pinned,
# into docker/.tools (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

ACTION_VALIDATOR=@action-validator/cli@0.6.0
DOCKERFILE_UTILS=dockerfile-utils@0.16.3
tools=docker/.tools
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

step() { printf '== %s\n' "$*"; }
fail() { printf 'docker/check.sh: %s\n' "$*" >&2; exit 1; }

if ! command -v docker-compose >/dev/null 2>&1; then
  step "installing docker-compose from Debian's packages"
  if [ "$(id -u)" != 0 ]; then fail "docker-compose is missing; install it (apt-get install docker-compose) or run as root"; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends docker-compose >/dev/null
fi
if [ ! -x "$tools/node_modules/.bin/action-validator" ] || [ ! -x "$tools/node_modules/.bin/dockerfile-utils" ]; then
  step "installing $ACTION_VALIDATOR and $DOCKERFILE_UTILS"
  command -v npm >/dev/null 2>&1 || fail "npm is missing; install Node.js and npm"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "$ACTION_VALIDATOR" "$DOCKERFILE_UTILS" >/dev/null
fi
compose() { docker-compose --env-file docker/.env.example -f "$@"; }
lint_dockerfile() { "$tools/node_modules/.bin/dockerfile-utils" lint "$1"; }
validate_workflow() { "$tools/node_modules/.bin/action-validator" "$1"; }

step "$(docker-compose version --short 2>/dev/null || docker-compose version | head -1): docker/compose.yml"
compose docker/compose.yml config -q
compose docker/compose.yml --profile postgres config -q
# Which services each profile runs: the SQLite one always, the PostgreSQL pair only with the profile.
compose docker/compose.yml config | python3 -c '
import sys, yaml
services = yaml.safe_load(sys.stdin)["services"]
profiles = {name: service.get("profiles", []) for name, service in services.items()}
expected = {"colloquy": [], "postgres": ["postgres"], "colloquy-postgres": ["postgres"]}
if profiles != expected:
    sys.exit("docker/compose.yml: services and profiles are %s, expected %s" % (profiles, expected))
pg = services["colloquy-postgres"]
if pg["depends_on"]["postgres"]["condition"] != "service_healthy":
    sys.exit("docker/compose.yml: colloquy-postgres must wait for a healthy postgres")
if not pg["environment"]["DATABASE_URL"].startswith("postgres://"):
    sys.exit("docker/compose.yml: colloquy-postgres must get a DATABASE_URL")
guard = " ".join(services["postgres"].get("entrypoint", []))
if "POSTGRES_PASSWORD" not in guard or "exec docker-entrypoint.sh postgres" not in guard:
    sys.exit("docker/compose.yml: postgres must refuse an empty POSTGRES_PASSWORD at once, then exec the entrypoint of the image")
if "/data" not in " ".join(services["colloquy"]["volumes"]):
    sys.exit("docker/compose.yml: colloquy must keep /data in a volume")
'
sed 's/^services:/servics:/' docker/compose.yml > "$scratch/compose.yml"
if compose "$scratch/compose.yml" config -q >/dev/null 2>&1; then fail "docker-compose accepted a broken compose file"; fi

step "dockerfile-utils $DOCKERFILE_UTILS: docker/Dockerfile"
lint_dockerfile docker/Dockerfile
sed 's/^EXPOSE 8080/EXPOSE eighty/' docker/Dockerfile > "$scratch/Dockerfile"
if lint_dockerfile "$scratch/Dockerfile" >/dev/null 2>&1; then fail "the Dockerfile linter accepted a broken Dockerfile"; fi

step "build stage of docker/Dockerfile, from the context its ignore file lets through"
python3 docker/build-stage.py --dockerfile docker/Dockerfile
# The same Dockerfile with one COPY of the build stage left out must fail.
grep -v '^COPY bench/pom.xml ' docker/Dockerfile > "$scratch/Dockerfile.build"
cmp -s docker/Dockerfile "$scratch/Dockerfile.build" && fail "docker/Dockerfile no longer copies bench/pom.xml"
cp docker/Dockerfile.dockerignore "$scratch/Dockerfile.build.dockerignore"
if python3 docker/build-stage.py --dockerfile "$scratch/Dockerfile.build" >/dev/null 2>&1; then
  fail "the build-stage check passed a Dockerfile that leaves a module's POM out"
fi

for workflow in .github/workflows/*.yml; do
  step "action-validator $ACTION_VALIDATOR: $workflow"
  validate_workflow "$workflow"
done
sed 's/^    runs-on:/    runs_on:/' .github/workflows/ci.yml > "$scratch/ci.yml"
if validate_workflow "$scratch/ci.yml" >/dev/null 2>&1; then fail "the workflow validator accepted a broken workflow"; fi

step "all valid"
