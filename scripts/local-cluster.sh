#!/usr/bin/env bash
# A local Kubernetes control plane for the end-to-end tests and `up.sh --local`:
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (fake
# nodes that run nothing), all on 127.0.0.1, with a kubeconfig of its own.
#
#   scripts/local-cluster.sh up       start it (idempotent) and wait until it is ready
#   scripts/local-cluster.sh down     stop it and delete its state
#   scripts/local-cluster.sh env      print `export KUBECONFIG=...` for a shell
#   scripts/local-cluster.sh status   say whether it runs
#
# Nothing here reaches an address outside 127.0.0.0/8: the API server calls no
# admission webhook (the webhook admission plugins are off), nodes get a loopback
# address, pods one from TEST-NET-1 (192.0.2.0/24, a documentation range; the API
# server refuses loopback endpoints), and no proxy, kubelet or container runtime
# exists to connect to a Service or Pod IP. Workloads never run: kwok marks pods Running.
#
# Environment: ISTIO_MESH_CLUSTER (state folder, default ${TMPDIR:-/tmp}/istio-mesh-cluster),
# ISTIO_MESH_CLUSTER_PORT (API server port, default 26443), ISTIO_MESH_CLUSTER_NODES (default 2).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${ISTIO_MESH_CLUSTER:-${TMPDIR:-/tmp}/istio-mesh-cluster}"
PORT="${ISTIO_MESH_CLUSTER_PORT:-26443}"
NODES="${ISTIO_MESH_CLUSTER_NODES:-2}"
ETCD_PORT=$((PORT + 1))
ETCD_PEER_PORT=$((PORT + 2))
KCM_PORT=$((PORT + 3))
SCHEDULER_PORT=$((PORT + 4))
KWOK_PORT=$((PORT + 5))
CONTEXT=istio-mesh-local
KUBECONFIG_FILE="$DIR/kubeconfig"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

tools() {
    local bin
    bin="$("$HERE/toolchain/ensure.sh" --bin-dir)"
    "$HERE/toolchain/ensure.sh" etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok >&2
    export PATH="$bin:$PATH"
}

running() { [[ -f "$DIR/$1.pid" ]] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }

start() {
    local name="$1"
    shift
    if running "$name"; then return; fi
    "$@" >"$DIR/$name.log" 2>&1 &
    echo $! >"$DIR/$name.pid"
}

wait_for() {
    local what="$1" tries="$2"
    shift 2
    for ((i = 0; i < tries; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    echo "local-cluster: $what did not come up; see $DIR/*.log" >&2
    return 1
}

write_credentials() {
    [[ -f "$DIR/sa.key" ]] && return
    # The service account signing key, and a static token for the one admin user.
    openssl genrsa -out "$DIR/sa.key" 2048 2>/dev/null
    openssl rsa -in "$DIR/sa.key" -pubout -out "$DIR/sa.pub" 2>/dev/null
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/token"
    echo "$(cat "$DIR/token"),admin,admin,system:masters" >"$DIR/tokens.csv"
    cat >"$KUBECONFIG_FILE" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: $CONTEXT
    cluster:
      server: https://127.0.0.1:$PORT
      insecure-skip-tls-verify: true
users:
  - name: admin
    user:
      token: $(cat "$DIR/token")
contexts:
  - name: $CONTEXT
    context: {cluster: $CONTEXT, user: admin}
current-context: $CONTEXT
EOF
}

# kwok's own stage definitions (node ready, pod ready/complete/delete), read
# from the kwok module the toolchain built it from.
write_stages() {
    [[ -f "$DIR/kwok.yaml" ]] && return
    local kwok_dir
    kwok_dir="$(cd "$HERE/toolchain/kwok" && GOTOOLCHAIN=local go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
    {
        for f in node/fast/node-initialize pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
            echo "---"
            cat "$kwok_dir/kustomize/stage/$f.yaml"
        done
    } >"$DIR/kwok.yaml"
}

up() {
    tools
    mkdir -p "$DIR"
    write_credentials
    write_stages
    local kc="$KUBECONFIG_FILE"

    start etcd etcd --name local --data-dir "$DIR/etcd" \
        --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" --quota-backend-bytes=4294967296 \
        --listen-metrics-urls "" --log-level warn
    wait_for etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

    # Webhook admission off: Istio's and cert-manager's webhooks would point the
    # API server at Service addresses; with them off, nothing is called at all.
    start kube-apiserver kube-apiserver --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$PORT" \
        --etcd-servers="http://127.0.0.1:$ETCD_PORT" --cert-dir="$DIR/pki" \
        --token-auth-file="$DIR/tokens.csv" --authorization-mode=RBAC \
        --service-account-key-file="$DIR/sa.pub" --service-account-signing-key-file="$DIR/sa.key" \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=true \
        --disable-admission-plugins=MutatingAdmissionWebhook,ValidatingAdmissionWebhook \
        --enable-priority-and-fairness=false --endpoint-reconciler-type=none
    wait_for kube-apiserver 240 kubectl --kubeconfig "$kc" get --raw /readyz

    start kube-controller-manager kube-controller-manager --kubeconfig="$kc" --authentication-kubeconfig="$kc" \
        --authorization-kubeconfig="$kc" --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --leader-elect=false \
        --service-account-private-key-file="$DIR/sa.key" --root-ca-file="$DIR/pki/apiserver.crt" \
        --use-service-account-credentials=false --controllers='*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller'
    start kube-scheduler kube-scheduler --kubeconfig="$kc" --authentication-kubeconfig="$kc" \
        --authorization-kubeconfig="$kc" --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" --leader-elect=false
    start kwok kwok --kubeconfig="$kc" --config="$DIR/kwok.yaml" --manage-all-nodes=false \
        --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --node-lease-duration-seconds=40 \
        --cidr=192.0.2.0/24 --node-ip=127.0.0.1 --server-address="127.0.0.1:$KWOK_PORT"

    local n
    for ((n = 0; n < NODES; n++)); do
        kubectl --kubeconfig "$kc" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$n
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: kwok, kubernetes.io/hostname: kwok-node-$n, kubernetes.io/os: linux, kubernetes.io/arch: amd64, topology.kubernetes.io/zone: zone-$((n % 2))}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "250"}
  capacity: {cpu: "32", memory: 256Gi, pods: "250"}
EOF
    done
    # Volumes for claims without a storage class (no provisioner runs here): the
    # controller-manager binds each claim to one; nothing is ever written to them.
    for ((n = 0; n < 6; n++)); do
        kubectl --kubeconfig "$kc" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolume
metadata: {name: local-pv-$n}
spec:
  capacity: {storage: 100Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  hostPath: {path: /nonexistent/istio-mesh-local-pv-$n}
EOF
    done
    wait_for "kwok's nodes" 120 kubectl --kubeconfig "$kc" wait --for=condition=Ready nodes --all --timeout=1s
    wait_for "the default service account" 120 kubectl --kubeconfig "$kc" get serviceaccount default -n default
    echo "local-cluster: up at https://127.0.0.1:$PORT, context $CONTEXT, KUBECONFIG=$KUBECONFIG_FILE ($NODES fake nodes)" >&2
}

down() {
    local name
    for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
        name="${COMPONENTS[$i]}"
        if running "$name"; then kill "$(cat "$DIR/$name.pid")" 2>/dev/null || true; fi
    done
    for name in "${COMPONENTS[@]}"; do
        for ((t = 0; t < 40; t++)); do running "$name" || break; sleep 0.25; done
        if running "$name"; then kill -9 "$(cat "$DIR/$name.pid")" 2>/dev/null || true; fi
    done
    rm -rf "$DIR"
    echo "local-cluster: down" >&2
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    env) echo "export KUBECONFIG=$KUBECONFIG_FILE" ;;
    status)
        for name in "${COMPONENTS[@]}"; do
            if running "$name"; then echo "$name: running"; else echo "$name: stopped"; fi
        done
        ;;
    *)
        echo "usage: scripts/local-cluster.sh up|down|env|status" >&2
        exit 2
        ;;
esac
