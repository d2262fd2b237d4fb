import { isIP } from "net";

/**
 * The values Istio's injector accepts for the annotations it checks
 * (pkg/kube/inject/validate.go, which the analyzer's IST0125 applies): each
 * check returns what is wrong, or undefined. proxy.istio.io/config is not
 * checked here: judging it needs ProxyConfig's whole schema.
 */
type Check = (value: string) => string | undefined;

const port = (text: string): boolean => /^\d+$/.test(text.trim()) && Number(text.trim()) <= 65535;

const portList = (value: string): string | undefined => {
    if (value.trim() === "") return undefined;
    const bad = value.trim().split(",").find((p) => !port(p));
    return bad === undefined ? undefined : `"${bad}" is not a port (0-65535); write a comma-separated list of ports`;
};

const cidr = (text: string): boolean => {
    const [address, bits, ...rest] = text.split("/");
    const family = isIP(address);
    return rest.length === 0 && family !== 0 && /^\d+$/.test(bits ?? "") && Number(bits) <= (family === 4 ? 32 : 128);
};

const cidrList = (value: string): string | undefined => {
    if (value === "") return undefined;
    const bad = value.split(",").find((c) => !cidr(c));
    return bad === undefined ? undefined : `"${bad}" is not a CIDR range; write a comma-separated list such as 10.0.0.0/8,172.16.0.0/12 (no spaces)`;
};

const interfaces = (value: string): string | undefined => {
    if (value === "") return undefined;
    for (const name of value.split(",").map((i) => i.trim())) {
        if (name === "") return "an interface name is empty";
        if (name.length > 15) return `interface name "${name}" is longer than 15 characters`;
        if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) return `interface name "${name}" has characters Linux does not allow`;
    }
    return undefined;
};

const uint32: Check = (value) => /^\d+$/.test(value) && Number(value) <= 0xffffffff ? undefined : "not a whole number of at least 0";
// Go's strconv.ParseBool.
const bool: Check = (value) => ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"].includes(value) ? undefined : "not a boolean; write true or false";
// A Kubernetes resource quantity (100m, 1.5, 128Mi, 1e3).
const quantity: Check = (value) => /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/.test(value) ? undefined : "not a Kubernetes quantity such as 100m, 1 or 128Mi";

export const ANNOTATION_VALUE_CHECKS: Readonly<Record<string, Check>> = {
    "sidecar.istio.io/interceptionMode": (v) => ["REDIRECT", "TPROXY", "NONE"].includes(v) ? undefined : "the interception mode is one of REDIRECT, TPROXY and NONE",
    "status.sidecar.istio.io/port": (v) => port(v) ? undefined : "not a port (0-65535)",
    "readiness.status.sidecar.istio.io/initialDelaySeconds": uint32,
    "readiness.status.sidecar.istio.io/periodSeconds": uint32,
    "readiness.status.sidecar.istio.io/failureThreshold": uint32,
    "traffic.sidecar.istio.io/includeOutboundIPRanges": (v) => v === "*" ? undefined : cidrList(v),
    "traffic.sidecar.istio.io/excludeOutboundIPRanges": cidrList,
    "traffic.sidecar.istio.io/includeInboundPorts": (v) => v === "*" ? undefined : portList(v),
    "traffic.sidecar.istio.io/excludeInboundPorts": portList,
    "traffic.sidecar.istio.io/excludeOutboundPorts": portList,
    "traffic.sidecar.istio.io/excludeInterfaces": interfaces,
    "traffic.sidecar.istio.io/kubevirtInterfaces": interfaces,
    "istio.io/reroute-virtual-interfaces": interfaces,
    "prometheus.istio.io/merge-metrics": bool,
    "sidecar.istio.io/proxyCPU": quantity,
    "sidecar.istio.io/proxyMemory": quantity,
    "sidecar.istio.io/proxyCPULimit": quantity,
    "sidecar.istio.io/proxyMemoryLimit": quantity,
};
