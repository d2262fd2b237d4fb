/**
 * Every message the pack reports, in one catalogue (as Istio's analyzer keeps
 * pkg/config/analysis/msg/messages.yaml): a code, a level, a template and its
 * arguments. A violation reads `<code> <template with arguments>`; the
 * template starts with `{subject}`, the object it is about (`VirtualService
 * default/myapp`), so tests and tools read back `{code, subject}` instead of
 * matching text.
 */
export interface Message {
    code: string;
    name: string;
    /** Error: the config does not do what it says; Warning: it works, but weakly or riskily. */
    level: "Error" | "Warning";
    template: string;
}

const m = (code: string, name: string, level: Message["level"], template: string): Message => ({ code, name, level, template });

export const MESSAGES = {
    // mtls
    PeerAuthenticationWeakMode: m("ISM0101", "PeerAuthenticationWeakMode", "Error",
        "{subject} sets mtls.mode {mode}, so its workloads accept plaintext from anything that can reach them. " +
        "Set mtls.mode: STRICT once every client has a sidecar (check Kiali's security badge or the istio_requests_total metric's connection_security_policy label)."),
    PeerAuthenticationWeakPort: m("ISM0102", "PeerAuthenticationWeakPort", "Error",
        "{subject} sets portLevelMtls[{port}].mode {mode}: port {port} accepts plaintext. " +
        "Set it to STRICT, or, if port {port} must stay open to non-mesh callers, add {port} to allowedPorts in this policy's config."),
    DestinationRuleTlsDisabled: m("ISM0103", "DestinationRuleTlsDisabled", "Error",
        "{subject} sets {where}.tls.mode DISABLE for host {host}: clients send plaintext, and a STRICT server rejects it. " +
        "Remove the tls block (auto mTLS picks ISTIO_MUTUAL) or set mode ISTIO_MUTUAL; for a plaintext host outside the mesh, add it to exemptHosts in this policy's config."),
    MeshWideMtlsMissing: m("ISM0104", "MeshWideMtlsMissing", "Error",
        "{subject} has no mesh-wide PeerAuthentication in {rootNamespace}: Istio's default is PERMISSIVE, so every workload accepts plaintext. " +
        "Add a PeerAuthentication named default in {rootNamespace} without a selector and with mtls.mode: STRICT."),
    MeshWideMtlsNotStrict: m("ISM0105", "MeshWideMtlsNotStrict", "Error",
        "{subject} is the mesh-wide PeerAuthentication but its mtls.mode is {mode}, not STRICT. Set mtls.mode: STRICT."),
    // authz
    AuthorizationEmptyRule: m("ISM0201", "AuthorizationEmptyRule", "Error",
        "{subject} has an empty rule (rules[{index}]): an ALLOW rule without from, to or when matches every request, so the policy allows all traffic. " +
        "Name the callers (from.source.principals or namespaces) and the operations (to.operation.methods and paths) it should allow."),
    AuthorizationScopedWithoutRules: m("ISM0202", "AuthorizationScopedWithoutRules", "Error",
        "{subject} is an ALLOW policy for selected workloads with no rules: it matches nothing, so those workloads get no traffic from this policy. " +
        "Add the rules that say who may call them; for deny-by-default use one namespace-wide policy with spec: {} instead."),
    AuthorizationBadPrincipal: m("ISM0203", "AuthorizationBadPrincipal", "Error",
        "{subject} at {where}.{field} \"{principal}\" {problem}. " +
        "Write the caller's service account as {trustDomain}/ns/<namespace>/sa/<serviceAccount>, or use source.namespaces for a whole namespace."),
    AuthorizationLowerCaseMethod: m("ISM0204", "AuthorizationLowerCaseMethod", "Error",
        "{subject} at {where}.{field} has \"{method}\", which never matches: request methods are upper case. Write \"{upper}\"."),
    AuthorizationUnknownMethod: m("ISM0205", "AuthorizationUnknownMethod", "Error",
        "{subject} at {where}.{field} has unknown method \"{method}\". Use one of {known}, or add it to extraMethods in this policy's config if the service really uses it."),
    NamespaceWithoutDenyByDefault: m("ISM0206", "NamespaceWithoutDenyByDefault", "Warning",
        "{subject} is injected but has no deny-by-default AuthorizationPolicy, so every workload in it accepts requests from anywhere in the mesh. " +
        "Add an AuthorizationPolicy in {namespace} with spec: {} (allow nothing) and grant access with explicit ALLOW policies."),
    // routing
    VirtualServiceWildcardHost: m("ISM0301", "VirtualServiceWildcardHost", "Error",
        "{subject} has host \"{host}\": its routes apply to every matching service and override their owners' VirtualServices. " +
        "List the exact hosts (myapp, or myapp.default.svc.cluster.local); for a gateway's wildcard domain, add it to allowedHosts in this policy's config."),
    RouteWeightsNot100: m("ISM0302", "RouteWeightsNot100", "Error",
        "{subject} at {where}: route weights {weights} = {sum}, not 100{shares}. Set the weights so they add up to exactly 100."),
    RouteLoneDestinationWeight: m("ISM0303", "RouteLoneDestinationWeight", "Warning",
        "{subject} at {where}: its only destination has weight {weight}, but a single destination gets all traffic. " +
        "Remove the weight or set it to 100; to split traffic, add the other destination."),
    ExportToUnset: m("ISM0304", "ExportToUnset", "Warning",
        "{subject} has no exportTo, so it is pushed to every sidecar and applies to callers in all namespaces. " +
        "Set exportTo: [\".\"] to keep it to its own namespace, or list the namespaces whose clients it is meant for."),
    SubsetNotDefined: m("ISM0305", "SubsetNotDefined", "Error",
        "{subject} at {where} routes to subset {subset} of {host}, but {fix} Until then, requests to it fail with 503 (NR)."),
    DestinationRuleConflict: m("ISM0306", "DestinationRuleConflict", "Error",
        "{subject} configures host {host}, which {other} configures already for clients in {namespaces}. " +
        "Istio merges such rules only partly (the oldest rule's trafficPolicy wins; a subset defined twice keeps its first definition). " +
        "Merge them into one DestinationRule, or narrow their exportTo so no namespace sees both."),
    // resilience
    OutlierDetectionMissing: m("ISM0401", "OutlierDetectionMissing", "Warning",
        "{subject} sets no trafficPolicy.outlierDetection{where}: a failing pod of {host} keeps receiving its share of requests. " +
        "Add trafficPolicy.outlierDetection, for example consecutive5xxErrors: 5, interval: 30s, baseEjectionTime: 30s, maxEjectionPercent: 50."),
    RetryBudgetExceedsTimeout: m("ISM0402", "RetryBudgetExceedsTimeout", "Error",
        "{subject} http[{index}]: {attempts} attempts x perTryTimeout {perTryTimeout} = {budget}s exceeds the route timeout {timeout}, so the route times out before its retries are used. " +
        "Lower attempts or perTryTimeout, or raise timeout, until attempts x perTryTimeout <= timeout."),
    // workloads
    InjectionOptOut: m("ISM0501", "InjectionOptOut", "Error",
        "{subject} opts out of sidecar injection ({key}: \"false\") in injected namespace {namespace}: its pods get no mTLS identity, " +
        "escape authorization policies and reject or send plaintext. Remove the opt-out, or add {workload} to allowed in this policy's config with the reason in your change."),
    SidecarResourcesMissing: m("ISM0502", "SidecarResourcesMissing", "Warning",
        "{subject} gets an Envoy sidecar but its pod template lacks {missing}: the sidecar takes the mesh-wide defaults and can starve or be OOM-killed under load. " +
        "Add them to the pod template's annotations (for example {example}), or run this policy at enforcement level remediate to add the configured defaults."),
    DeprecatedInjectAnnotation: m("ISM0503", "DeprecatedInjectAnnotation", "Warning",
        "{subject} sets the deprecated annotation {key}: \"{value}\" on its pods; it may stop working in a future Istio. " +
        "Move it to a pod template label: metadata.labels[\"{key}\"] = \"{value}\"."),
    // platform
    IstioChartUnpinned: m("ISM0601", "IstioChartUnpinned", "Error",
        "{subject} has version {version}, so Helm picks whatever is newest at deploy time. Pin it to an exact release such as 1.30.3, the same for every Istio chart."),
    IstioChartVersionsMixed: m("ISM0602", "IstioChartVersionsMixed", "Error",
        "{subject} come from {count} versions ({listing}). A control plane and data plane from different releases are not supported together except during a canary upgrade with revisions. " +
        "Install every Istio chart at one version (istio-mesh:istio.version), or upgrade with a revisioned istiod."),
    KialiAnonymous: m("ISM0603", "KialiAnonymous", "Error",
        "{subject} uses auth strategy anonymous: anyone who can reach Kiali sees every service, its traffic and its Istio config. " +
        "Set auth.strategy to token (log in with a Kubernetes service account token) or openid; reach it with kubectl port-forward or istioctl dashboard kiali."),
    AddonLoadBalancer: m("ISM0604", "AddonLoadBalancer", "Error",
        "{subject} is an observability addon exposed with {where} LoadBalancer: it is reachable from outside the cluster, usually without login. " +
        "Keep it ClusterIP and reach it with kubectl port-forward or istioctl dashboard, or publish it through the ingress gateway with authentication."),
    ControlPlaneFewReplicas: m("ISM0605", "ControlPlaneFewReplicas", "Error",
        "{subject} runs at least {replicas} replica(s), fewer than {minReplicas}: a node drain or a crash takes it down " +
        "(no new sidecars or config for istiod, no ingress for a gateway). Raise the replica count or autoscaling minimum to at least " +
        "{minReplicas} (istio-mesh:istio.istiod.autoscaleMin / istio.gateway.autoscaleMin)."),
    ControlPlaneNoDisruptionBudget: m("ISM0606", "ControlPlaneNoDisruptionBudget", "Error",
        "{subject} has no PodDisruptionBudget, so a node drain may evict all its replicas at once. " +
        "Turn it on (istio-mesh:istio.istiod.podDisruptionBudget / istio.gateway.podDisruptionBudget; chart values global.defaultPodDisruptionBudget.enabled or podDisruptionBudget.minAvailable)."),
    CrdOlderThanControlPlane: m("ISM0607", "CrdOlderThanControlPlane", "Error",
        "{subject} are from {crdVersion}, older than istiod revision {revision} ({version}): that istiod expects fields and kinds the cluster's CRDs lack. " +
        "Upgrade the base chart first (istio-mesh:istio.version at least {version}) and never lower it while a newer istiod runs; a rollback removes the new revision, not the new CRDs."),
    RevisionSkewTooWide: m("ISM0608", "RevisionSkewTooWide", "Error",
        "{subject} span {oldest} to {newest}, {minors} minor versions: Istio supports canary upgrades across at most {max} minor versions (in place, one). " +
        "Upgrade through the versions between, one revision at a time."),
    // namespace
    NamespaceMultipleInjectionLabels: m("ISM0701", "NamespaceMultipleInjectionLabels", "Error",
        "{subject} has both istio-injection={injection} and istio.io/rev={revision}: istio-injection wins and the revision is ignored, " +
        "so pods are injected by the wrong control plane (or not at all). " +
        "Keep one label: istio.io/rev for a revisioned control plane (kubectl label namespace {namespace} istio-injection-), istio-injection=enabled otherwise."),
    RevisionNotInstalled: m("ISM0702", "RevisionNotInstalled", "Error",
        "{subject} is labelled istio.io/rev={revision}, but no control plane with that revision is installed (installed: {installed}): " +
        "no webhook matches the label, so new pods start without sidecars. " +
        "Label it with an installed revision, install istiod with revision {revision}, or list it in externalRevisions if another stack installs it."),
    DefaultInjectorTwice: m("ISM0703", "DefaultInjectorTwice", "Error",
        "{subject} installs {claims}, which all select namespaces labelled istio-injection=enabled, so each pod there is injected by whichever webhook runs first. " +
        "Keep one: an unrevisioned istiod or the default revision tag of one revision (istio-mesh:istio.revisionTags.default)."),
    // telemetry
    TelemetryProviderUndefined: m("ISM0801", "TelemetryProviderUndefined", "Warning",
        "{subject} at {section}[{index}] names provider {provider}, which meshConfig.extensionProviders does not define (defined: {defined}). " +
        "istiod ignores it, so no traces, logs or metrics reach it. Add the provider to meshConfig.extensionProviders of istiod or fix the name."),
} satisfies Record<string, Message>;

export type MessageArgs = { subject: string } & Record<string, string | number>;

/** The violation text: the code, then the template with its arguments; every placeholder must be given. */
export function format(message: Message, args: MessageArgs): string {
    const text = message.template.replace(/\{(\w+)\}/g, (_, key: string) => {
        if (!(key in args)) throw new Error(`message ${message.code} ${message.name}: no value for {${key}}`);
        return String(args[key]);
    });
    return `${message.code} ${text}`;
}

// The template as a pattern: text literal (a lone `{}` too), placeholders as named groups;
// a repeated placeholder matches what its first use did.
const pattern = (message: Message) =>
    new RegExp(`^${message.code} ${message.template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, key: string, offset: number, all: string) =>
        all.indexOf(`{${key}}`) < offset ? `\\k<${key}>` : `(?<${key}>.*?)`)}$`, "s");

/** Reads a violation text back: its message and arguments (`subject` among them); undefined when no catalogue entry made it. */
export function parse(text: string): { message: Message; args: Record<string, string> } | undefined {
    const message = Object.values(MESSAGES).find((m) => text.startsWith(`${m.code} `));
    const match = message && pattern(message).exec(text);
    return message && match ? { message, args: { ...match.groups } } : undefined;
}

/** Reports a catalogue message: what every policy calls instead of writing text. */
export function report(reportViolation: (message: string, urn?: string) => void, message: Message, args: MessageArgs, urn?: string): void {
    reportViolation(format(message, args), urn);
}
