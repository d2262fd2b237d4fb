#!/usr/bin/env bash
# Makes every end-to-end tool available at the version scripts/toolchain/versions.env
# pins: the binary on PATH when it is that version (a normal install), else one
# built from Go modules into a cache outside the repository. Idempotent: a tool
# whose cached build matches its recipe is not built again.
#
#   scripts/toolchain/ensure.sh [tool ...]   make the tools available (all by default)
#   scripts/toolchain/ensure.sh --bin-dir    print the folder that holds them all
#
# Environment: ISTIO_MESH_TOOLCHAIN, the cache (default ~/.cache/istio-mesh/toolchain);
# GOFLAGS, GOPROXY and the Go caches as usual.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$HERE/versions.env"
CACHE="${ISTIO_MESH_TOOLCHAIN:-${XDG_CACHE_HOME:-$HOME/.cache}/istio-mesh/toolchain}"
BIN="$CACHE/bin"

if [[ "${1:-}" == "--bin-dir" ]]; then
    echo "$BIN"
    exit 0
fi
mkdir -p "$BIN"

# go.mod lines name Go 1.26; never let the go command fetch another toolchain.
export GOTOOLCHAIN=local
command -v go >/dev/null || { echo "ensure.sh: the Go toolchain (go 1.26+) is needed to build the e2e tools" >&2; exit 2; }

K8S_LDFLAGS="-X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION \
-X k8s.io/component-base/version.gitMajor=${KUBERNETES_VERSION%%.*} \
-X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$KUBERNETES_VERSION") \
-X k8s.io/component-base/version.gitTreeState=clean"

# The version line each tool prints, as the pinned build prints it.
expected_version() {
    case "$1" in
        pulumi) echo "v$PULUMI_VERSION" ;;
        pulumi-language-nodejs) echo "$PULUMI_LANGUAGE_NODEJS_VERSION" ;;
        pulumi-language-python | pulumi-language-go) echo "$PULUMI_LANGUAGE_HOSTS_VERSION" ;;
        pulumi-resource-kubernetes) echo "$PULUMI_KUBERNETES_VERSION" ;;
        etcd) echo "etcd Version: $ETCD_VERSION" ;;
        kube-apiserver | kube-controller-manager | kube-scheduler) echo "Kubernetes v$KUBERNETES_VERSION" ;;
        kubectl) echo "Client Version: v$KUBERNETES_VERSION" ;;
        kwok | kwokctl) echo "v$KWOK_VERSION" ;;
        helm) echo "v$HELM_VERSION" ;;
        istioctl) echo "client version: $ISTIOCTL_MODULE" ;;
    esac
}

# Whether a binary found on PATH is the pinned tool. Pulumi's own Python and Go hosts
# at the pinned CLI version stand in for the ones built here; its Node.js host does not,
# since it cannot start a program whose config is over 128 KiB (pulumi/pulumi#8680).
acceptable() {
    local name="$1" got="$2"
    [[ "$got" == "$(expected_version "$name")" ]] && return 0
    [[ ( "$name" == pulumi-language-python || "$name" == pulumi-language-go ) && "${got#v}" == "$PULUMI_VERSION" ]]
}

# What a binary says its version is (empty when it cannot say).
actual_version() {
    local bin="$1" name
    name="$(basename "$bin")"
    case "$name" in
        pulumi) "$bin" version 2>/dev/null ;;
        pulumi-language-nodejs | pulumi-language-python | pulumi-language-go) "$bin" -version 2>/dev/null ;;
        # A provider prints nothing on its own; its version is the one its build stamp records.
        pulumi-resource-kubernetes) cat "$bin.version" 2>/dev/null ;;
        etcd) "$bin" --version 2>/dev/null | head -1 ;;
        kube-apiserver | kube-controller-manager | kube-scheduler) "$bin" --version 2>/dev/null ;;
        kubectl) "$bin" version --client 2>/dev/null | head -1 ;;
        kwok | kwokctl) "$bin" --version 2>/dev/null | grep -o 'v[0-9][^ ]*' | head -1 ;;
        helm) "$bin" version --template '{{.Version}}' 2>/dev/null ;;
        istioctl) "$bin" version --remote=false --short 2>/dev/null | head -1 ;;
    esac || true
}

# The recipe a cached build came from: how it is built and its wrapper module.
recipe_hash() {
    { recipe "$1"; cat "$HERE/$2"/go.mod "$HERE/$2"/go.sum; cat "$HERE/$2"/*.go "$HERE/$2"/*.js 2>/dev/null || true; } | sha256sum | cut -c1-16
}

# Builds packages of a wrapper module into the cache.
#   build <wrapper> <ldflags> <name>=<package> ...
build() {
    local wrapper="$1" ldflags="$2"
    shift 2
    local src="$CACHE/src/$wrapper"
    # A copy, so generated files never land in the repository.
    rm -rf "$src" && mkdir -p "$src" && cp "$HERE/$wrapper"/go.mod "$HERE/$wrapper"/go.sum "$src"/
    # Sources, and the scripts they embed.
    cp "$HERE/$wrapper"/*.go "$HERE/$wrapper"/*.js "$src"/ 2>/dev/null || true
    if [[ "$wrapper" == kubernetes-provider ]]; then generate_provider_schema "$src"; fi
    local spec
    for spec in "$@"; do
        (cd "$src" && go build -trimpath -ldflags "-s -w $ldflags" -o "$BIN/${spec%%=*}" "${spec#*=}")
    done
}

# The provider's main embeds schema-embed.json and terraform-mapping-embed.json, which
# its release build generates (versioned, minified) from files the module ships.
generate_provider_schema() {
    local src="$1" dir
    (cd "$src" && go mod download github.com/pulumi/pulumi-kubernetes/provider/v4)
    dir="$(cd "$src" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)/cmd/pulumi-resource-kubernetes"
    node -e '
        const fs = require("fs");
        const [schema, mapping, version, out] = process.argv.slice(1);
        const spec = JSON.parse(fs.readFileSync(schema, "utf8"));
        spec.version = version;
        fs.writeFileSync(`${out}/schema-embed.json`, JSON.stringify(spec));
        fs.writeFileSync(`${out}/terraform-mapping-embed.json`, JSON.stringify(JSON.parse(fs.readFileSync(mapping, "utf8"))));
    ' "$dir/schema.json" "$dir/terraform-mapping.json" "$PULUMI_KUBERNETES_VERSION" "$src"
}

# Each tool: its wrapper module, ldflags and the binaries it makes.
recipe() {
    case "$1" in
        pulumi) echo "pulumi|-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION|pulumi=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi" ;;
        pulumi-language-nodejs) echo "pulumi-language-hosts|-X main.version=$PULUMI_LANGUAGE_NODEJS_VERSION|$1=." ;;
        pulumi-language-python | pulumi-language-go) echo "pulumi-language-hosts|-X main.version=$PULUMI_LANGUAGE_HOSTS_VERSION|$1=." ;;
        pulumi-resource-kubernetes) echo "kubernetes-provider|-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PULUMI_KUBERNETES_VERSION|pulumi-resource-kubernetes=." ;;
        etcd) echo "etcd||etcd=." ;;
        kube-apiserver | kube-controller-manager | kube-scheduler | kubectl) echo "kubernetes|$K8S_LDFLAGS|$1=k8s.io/kubernetes/cmd/$1" ;;
        kwok | kwokctl) echo "kwok||$1=sigs.k8s.io/kwok/cmd/$1" ;;
        helm) echo "helm|-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION|helm=helm.sh/helm/v3/cmd/helm" ;;
        istioctl) echo "istioctl|-X istio.io/istio/pkg/version.buildVersion=$ISTIOCTL_MODULE -X istio.io/istio/pkg/version.buildGitRevision=${ISTIOCTL_MODULE##*-} -X istio.io/istio/pkg/version.buildStatus=Clean|istioctl=istio.io/istio/istioctl/cmd/istioctl" ;;
        *) echo "ensure.sh: unknown tool $1" >&2; return 2 ;;
    esac
}

ALL=(pulumi pulumi-language-nodejs pulumi-language-python pulumi-language-go pulumi-resource-kubernetes etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kwokctl helm istioctl)

ensure() {
    local name="$1" want onpath wrapper ldflags spec stamp start
    want="$(expected_version "$name")"
    IFS='|' read -r wrapper ldflags spec <<<"$(recipe "$name")"
    stamp="$BIN/.$name.recipe"

    onpath="$(PATH="${PATH//$BIN:/}" command -v "$name" || true)"
    if [[ -n "$onpath" && "$onpath" != "$BIN/$name" ]] && acceptable "$name" "$(actual_version "$onpath")"; then
        ln -sf "$onpath" "$BIN/$name"
        rm -f "$stamp"
        printf '%-28s %-40s on PATH (%s)\n' "$name" "$want" "$onpath"
        return
    fi
    if [[ -x "$BIN/$name" && -f "$stamp" && "$(cat "$stamp")" == "$(recipe_hash "$name" "$wrapper")" ]]; then
        printf '%-28s %-40s cached\n' "$name" "$want"
        return
    fi
    start=$SECONDS
    rm -f "$BIN/$name" "$stamp"
    build "$wrapper" "$ldflags" "$spec"
    if [[ "$name" == pulumi-resource-kubernetes ]]; then echo "$want" >"$BIN/$name.version"; fi
    local got
    got="$(actual_version "$BIN/$name")"
    if [[ "$got" != "$want" ]]; then
        echo "ensure.sh: built $name reports version '$got', expected '$want'" >&2
        exit 1
    fi
    recipe_hash "$name" "$wrapper" >"$stamp"
    printf '%-28s %-40s built in %d s\n' "$name" "$want" $((SECONDS - start))
}

total=$SECONDS
for tool in "${@:-${ALL[@]}}"; do ensure "$tool"; done
printf '%-28s %-40s %d s\n' "toolchain" "$BIN" $((SECONDS - total))
