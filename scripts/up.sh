#!/usr/bin/env bash
# Brings a stack up with local file state: no Pulumi Cloud account needed.
# Usage: scripts/up.sh <stack> [extra `pulumi up` flags]
# Set PULUMI_BACKEND_URL to use another backend, PULUMI_CONFIG_PASSPHRASE for secrets.
set -euo pipefail
stack="${1:-dev}"
shift || true
cd "$(dirname "$0")/.."
command -v pulumi >/dev/null || { echo "scripts/up.sh: the Pulumi CLI is not installed (https://www.pulumi.com/docs/install/)" >&2; exit 1; }
npm ci --no-audit --no-fund
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  mkdir -p .pulumi
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi"
fi
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
pulumi stack select --create "$stack"
pulumi up --stack "$stack" "$@"
