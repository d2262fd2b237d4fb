#!/usr/bin/env bash
# Brings a stack up with local file state: no Pulumi Cloud account needed.
#
#   scripts/up.sh <stack> [extra `pulumi up` flags]     on the cluster of your kubeconfig, with the policy pack
#                                                       and policies/config/<stack>.json, as CI runs it
#   scripts/up.sh --local [stack]                       on a local control plane (no cluster needed)
#   scripts/up.sh --local-down                          destroy that stack and stop the local control plane
#
# Set PULUMI_BACKEND_URL to use another backend, PULUMI_CONFIG_PASSPHRASE for secrets (required for prod).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LOCAL="${ISTIO_MESH_LOCAL:-${XDG_CACHE_HOME:-$HOME/.cache}/istio-mesh/local}"

if [[ "${1:-}" == "--local" || "${1:-}" == "--local-down" ]]; then
    mode="$1"
    stack="${2:-dev}"
    [[ -f "Pulumi.$stack.yaml" ]] || { echo "scripts/up.sh: no stack file Pulumi.$stack.yaml" >&2; exit 2; }
    npm ci --no-audit --no-fund
    scripts/toolchain/ensure.sh pulumi pulumi-language-nodejs pulumi-resource-kubernetes
    export PATH="$(scripts/toolchain/ensure.sh --bin-dir):$PATH"
    export ISTIO_MESH_CLUSTER="$LOCAL/cluster" KUBECONFIG="$LOCAL/cluster/kubeconfig"
    export PULUMI_HOME="$LOCAL/pulumi-home" PULUMI_BACKEND_URL="file://$LOCAL/state"
    export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-local}" PULUMI_SKIP_UPDATE_CHECK=true
    export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
    # A copy of the project whose stack file is the local one, so Pulumi.<stack>.yaml stays as committed.
    project="$LOCAL/project"
    if [[ "$mode" == "--local-down" ]]; then
        if [[ -d "$project" ]]; then (cd "$project" && pulumi destroy --yes --stack "$stack" --non-interactive) || true; fi
        scripts/local-cluster.sh down
        rm -rf "$LOCAL"
        exit 0
    fi
    scripts/local-cluster.sh up
    mkdir -p "$project" "$LOCAL/state"
    for entry in "$ROOT"/*; do
        case "$(basename "$entry")" in Pulumi.*.yaml) continue ;; esac
        ln -sfn "$entry" "$project/$(basename "$entry")"
    done
    [[ -f "$project/Pulumi.$stack.yaml" ]] || cp "Pulumi.$stack.yaml" "$project/Pulumi.$stack.yaml"
    cd "$project"
    pulumi stack select --create "$stack" --non-interactive
    pulumi config set --path istio-mesh:kubernetes.context istio-mesh-local
    mirror="${ISTIO_MESH_CHART_MIRROR:-$ROOT/../shared/charts/packages}"
    if [[ -d "$mirror" ]]; then pulumi config set --path istio-mesh:charts.mirror "$(cd "$mirror" && pwd)"; fi
    if [[ "$(pulumi config get --path istio-mesh:profile)" == production ]]; then
        # Pulumi would wait forever for a load balancer's address.
        pulumi config set --path istio-mesh:istio.gateway.serviceType NodePort
    fi
    pulumi up --yes --stack "$stack" --policy-pack "$ROOT/policies" --policy-pack-config "$ROOT/policies/config/$stack.json"
    cat <<EOF

The $stack stack runs on a local control plane (etcd, kube-apiserver, controller-manager, scheduler and
kwok's fake nodes, on 127.0.0.1). What this shows: the real Pulumi engine, Kubernetes provider and policy
pack; Helm rendering; the API server's validation (Istio's CRD schemas and CEL rules); ordering; a clean
re-run. What it does not: no container ever runs (kwok marks pods Running), so there is no Envoy, no
traffic, no webhook call (sidecar injection and Istio's validation webhook are off), no dashboard to open.

    export KUBECONFIG=$KUBECONFIG
    kubectl get virtualservices,destinationrules,authorizationpolicies -A
    scripts/up.sh --local-down        # destroy the stack and stop the control plane
EOF
    exit 0
fi

stack="${1:-dev}"
shift || true
policy_config="policies/config/$stack.json"
[ -f "$policy_config" ] || { echo "scripts/up.sh: no policy config $policy_config for stack $stack: add one (see docs/configuration.md, Adding an environment)" >&2; exit 1; }
# An empty passphrase encrypts the stack's secrets with a key anyone can derive.
if [ "$stack" = prod ] && [ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  echo "scripts/up.sh: refusing an empty passphrase for prod: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE)" >&2
  exit 1
fi
# Dependencies first: the offline path (npm test, npm run render) needs them, not the CLI.
npm ci --no-audit --no-fund
command -v pulumi >/dev/null || {
  echo "scripts/up.sh: the Pulumi CLI is not installed (https://www.pulumi.com/docs/install/); dependencies are installed, so without it: npm run render -- --stack $stack (offline render and policy report), npm test, or scripts/up.sh --local $stack (the real CLI, built into a cache, on a local control plane)" >&2
  exit 1
}
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  mkdir -p .pulumi
  export PULUMI_BACKEND_URL="file://$PWD/.pulumi"
fi
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
echo "scripts/up.sh: selecting stack $stack; on first use \`pulumi stack select --create\` creates it and writes its encryptionsalt into Pulumi.$stack.yaml (commit that line: secrets set with this passphrase need it)" >&2
pulumi stack select --create "$stack"
pulumi up --stack "$stack" --policy-pack policies --policy-pack-config "$policy_config" "$@"
