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
    /** The `istioctl analyze` message (IST code) this one reports before apply, if any. */
    istio?: string;
}

const m = (code: string, name: string, level: Message["level"], template: string, istio?: string): Message => ({ code, name, level, template, ...(istio && { istio }) });

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
    DestinationRuleNoCaCertificates: m("ISM0106", "DestinationRuleNoCaCertificates", "Warning",
        "{subject} sets trafficPolicy.tls.mode {mode} for host {host} but no caCertificates: nothing pins which CA may sign the server's certificate, so the client trusts whatever its proxy's default trust store accepts. " +
        "Set trafficPolicy.tls.caCertificates (or credentialName, which a sidecar reads only in a rule with a workloadSelector, a gateway in any); for a host inside the mesh, use ISTIO_MUTUAL.", "IST0128"),
    DestinationRulePortNoCaCertificates: m("ISM0107", "DestinationRulePortNoCaCertificates", "Warning",
        "{subject} sets {where}.tls.mode {mode} for host {host} port {port} but no caCertificates: nothing pins which CA may sign the server's certificate, so the client trusts whatever its proxy's default trust store accepts. " +
        "Set {where}.tls.caCertificates (or credentialName, which a sidecar reads only in a rule with a workloadSelector, a gateway in any); for a host inside the mesh, use ISTIO_MUTUAL.", "IST0129"),
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
    JwksFetchUnrestricted: m("ISM0207", "JwksFetchUnrestricted", "Warning",
        "{subject} runs without BLOCKED_CIDRS_IN_JWKS_URIS, yet the stack has {count} RequestAuthentication(s) ({names}): istiod fetches every jwksUri they name, internal addresses included. " +
        "Set istiod's environment variable BLOCKED_CIDRS_IN_JWKS_URIS (chart value pilot.env) to the ranges it must not fetch from, for example 169.254.0.0/16,10.0.0.0/8.", "IST0175"),
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
        "{subject} at {where} routes to subset {subset} of {host}, but {fix} Until then, requests to it fail with 503 (NR).", "IST0101"),
    DestinationRuleConflict: m("ISM0306", "DestinationRuleConflict", "Error",
        "{subject} configures host {host}, which {other} configures already for clients in {namespaces}. " +
        "Istio merges such rules only partly (the oldest rule's trafficPolicy wins; a subset defined twice keeps its first definition). " +
        "Merge them into one DestinationRule, or narrow their exportTo so no namespace sees both."),
    MeshHostConflict: m("ISM0307", "MeshHostConflict", "Error",
        "{subject} routes host {host} for sidecars (the mesh gateway), and so does {others}, for clients in {namespaces}: which rules a client gets is undefined. " +
        "Merge them into one VirtualService, or narrow their exportTo so no namespace sees both.", "IST0109"),
    VirtualServiceHostNotInGateway: m("ISM0308", "VirtualServiceHostNotInGateway", "Warning",
        "{subject} binds to Gateway {gateway}, whose servers serve none of its hosts ({hosts}): the gateway never applies these routes. " +
        "Add a host to one of the Gateway's servers, or fix the VirtualService's hosts or gateways.", "IST0132"),
    VirtualServiceInternalGateway: m("ISM0309", "VirtualServiceInternalGateway", "Warning",
        "{subject} binds to {gateway}, a Gateway Istio generates internally for a Kubernetes Gateway: its name is an implementation detail and may change. " +
        "Attach routes to the Kubernetes Gateway with an HTTPRoute instead.", "IST0165"),
    SidecarDefaultConflict: m("ISM0310", "SidecarDefaultConflict", "Error",
        "{subject} has no workloadSelector, and neither do {others} in namespace {namespace}: which one applies to the namespace's workloads is undefined. " +
        "Keep one Sidecar without selector per namespace; give the others a workloadSelector.", "IST0111"),
    SidecarInAmbientNamespace: m("ISM0322", "SidecarInAmbientNamespace", "Warning",
        "{subject} applies to namespace {namespace}, which runs in ambient mode (istio.io/dataplane-mode=ambient): its pods have no sidecar, so this Sidecar has no effect. " +
        "Remove it, or configure the namespace's traffic on its waypoint.", "IST0167"),
    GatewayDuplicateCertificate: m("ISM0311", "GatewayDuplicateCertificate", "Warning",
        "{subject} and {other} serve the same certificate ({certificate}) on the same gateway workloads: clients that reuse an HTTP/2 connection across both get 404s. " +
        "Serve each certificate from one Gateway (merge the servers), or give each Gateway its own certificate.", "IST0138"),
    RouteUnreachable: m("ISM0312", "RouteUnreachable", "Warning",
        "{subject} at {where} is never used: {reason}. Routes are tried in order and the first that matches wins. " +
        "Move the route without match to the end, or remove the route.", "IST0130"),
    RouteMatchIneffective: m("ISM0313", "RouteMatchIneffective", "Warning",
        "{subject} at {where}.match[{match}] repeats the match of {earlier}, which takes every request it would: it is never used. " +
        "Remove it, or make it differ.", "IST0131"),
    GatewayServerConflict: m("ISM0314", "GatewayServerConflict", "Warning",
        "{subject} serves host {host} on port {port}, as {other} does already on the same gateway workloads (selector {selector}): istiod keeps one of them and drops the other's server. " +
        "Serve each host and port from one Gateway.", "IST0145"),
    ServicePortProtocolUnknown: m("ISM0315", "ServicePortProtocolUnknown", "Warning",
        "{subject} port {port} (name \"{name}\") says no protocol Istio knows: Istio sniffs it from the first bytes, which fails for server-first protocols and loses HTTP routing if it guesses wrong. " +
        "Name the port <protocol>[-<suffix>] (http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis, udp) or set appProtocol.", "IST0118"),
    ExternalNamePortName: m("ISM0316", "ExternalNamePortName", "Warning",
        "{subject} is an ExternalName Service whose port {port} (name \"{name}\") {problem}: sidecars may not forward its traffic to the external name. " +
        "Name the port after the protocol it carries (http, https, tls, ...).", "IST0150"),
    EnvoyFilterRelativeOperation: m("ISM0317", "EnvoyFilterRelativeOperation", "Warning",
        "{subject} at configPatches[{index}] uses {operation}, which depends on what other patches did before it, and the EnvoyFilter sets no priority: the order EnvoyFilters apply in is not defined, so the patch may not apply. " +
        "Set priority, or use INSERT_FIRST or ADD.", "IST0151"),
    EnvoyFilterReplaceMisused: m("ISM0318", "EnvoyFilterReplaceMisused", "Error",
        "{subject} at configPatches[{index}] uses REPLACE on {applyTo}: REPLACE works only on HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST. Use MERGE.", "IST0152"),
    EnvoyFilterAddMisused: m("ISM0319", "EnvoyFilterAddMisused", "Error",
        "{subject} at configPatches[{index}] uses ADD on {applyTo}, where istiod ignores ADD. Use MERGE.", "IST0153"),
    EnvoyFilterRemoveMisused: m("ISM0320", "EnvoyFilterRemoveMisused", "Error",
        "{subject} at configPatches[{index}] uses REMOVE on {applyTo}, where istiod ignores REMOVE. Use MERGE to change it.", "IST0154"),
    EnvoyFilterRelativeToVersionedPatch: m("ISM0321", "EnvoyFilterRelativeToVersionedPatch", "Warning",
        "{subject} at configPatches[{index}] uses {operation} next to {name}, which an earlier patch adds only for some proxy versions, and the EnvoyFilter sets no priority: during an upgrade the patch may not apply. " +
        "Set priority, or use INSERT_FIRST or ADD.", "IST0155"),
    DestinationPortRequired: m("ISM0323", "DestinationPortRequired", "Error",
        "{subject} at {where} sends traffic to {host} without a port, but {target} exposes several ({ports}): Istio cannot tell which one is meant. " +
        "Set destination.port.number.", "IST0112"),
    IngressSubsetsBypassed: m("ISM0324", "IngressSubsetsBypassed", "Warning",
        "{subject} at {where} sends gateway traffic to {host} without a subset, while {other} splits {host} into subsets: requests through the gateway skip that split. " +
        "Route the gateway's traffic to the same subsets (or bind {other} to the gateway too).", "IST0140"),
    ValidationWarning: m("ISM0326", "ValidationWarning", "Warning",
        "{subject} at {where}: {problem}", "IST0133"),
    GatewayPortNotOnService: m("ISM0325", "GatewayPortNotOnService", "Warning",
        "{subject} has a server on port {port}, but no Service of the gateway pods it selects ({selector}) exposes that port (they expose {exposed}): " +
        "traffic through the gateway's Service never reaches this server. Use a port the Service exposes, or add it to the gateway chart's service.ports.", "IST0162"),
    DestinationRuleExportedInVain: m("ISM0327", "DestinationRuleExportedInVain", "Error",
        "{subject} is exported to {namespaces}, but proxies there never read it: Istio takes a DestinationRule for {host} from the client's own namespace, " +
        "the host's ({hostNamespaces}) or the root namespace ({rootNamespace}), and {namespace} is neither of the last two. " +
        "Put it in {hostNamespaces} or {rootNamespace}, exported to the clients' namespaces, or in each client's namespace, exported there only."),
    DestinationRuleRootNotOwn: m("ISM0328", "DestinationRuleRootNotOwn", "Error",
        "{subject} is in the root namespace and exported to \".\" and {namespaces}: pilot counts a root-namespace rule as that namespace's own only when it is exported there alone, " +
        "so the gateways in {namespace} never read it. Write {namespace} by name instead of \".\", or keep the rule to \".\" alone."),
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
        "Move it to a pod template label: metadata.labels[\"{key}\"] = \"{value}\".", "IST0135"),
    ProxyUidInUse: m("ISM0504", "ProxyUidInUse", "Warning",
        "{subject} runs {where} as user 1337, the sidecar's UID: the sidecar's iptables rules let traffic from that UID bypass Envoy, so its requests escape mTLS and policy. " +
        "Run the application as another UID.", "IST0144"),
    ImageAutoNotInjected: m("ISM0505", "ImageAutoNotInjected", "Warning",
        "{subject} has an istio-proxy container with image auto, which only the injection webhook replaces, but nothing selects it for injection in namespace {namespace}: its pods cannot start. " +
        "Label the pod template sidecar.istio.io/inject: \"true\" (or istio.io/rev), or inject the namespace; if another stack labels it, add it to namespaces in this policy's config.", "IST0146"),
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
    DeprecatedField: m("ISM0607", "DeprecatedField", "Warning",
        "{subject} uses {field}, which Istio deprecated: {detail} Use {replacement}.", "IST0002"),
    CrdOlderThanControlPlane: m("ISM0608", "CrdOlderThanControlPlane", "Error",
        "{subject} are from {crdVersion}, older than istiod revision {revision} ({version}): that istiod expects fields and kinds the cluster's CRDs lack. " +
        "Upgrade the base chart first (istio-mesh:istio.version at least {version}) and never lower it while a newer istiod runs; a rollback removes the new revision, not the new CRDs."),
    RevisionSkewTooWide: m("ISM0609", "RevisionSkewTooWide", "Error",
        "{subject} span {oldest} to {newest}, {minors} minor versions: Istio supports canary upgrades across at most {max} minor versions (in place, one). " +
        "Upgrade through the versions between, one revision at a time."),
    MeshNetworksUnknownRegistry: m("ISM0614", "MeshNetworksUnknownRegistry", "Error",
        "{subject} sets meshNetworks network {network} endpoint fromRegistry {registry}, which is no service registry istiod knows (known: {known}): " +
        "that network gets no endpoints, so cross-network traffic to it fails. Name a cluster ID (the local istiod's global.multiCluster.clusterName, or a remote cluster's, from its istio/multiCluster Secret) or Kubernetes.", "IST0126"),
    AnnotationMisplaced: m("ISM0610", "AnnotationMisplaced", "Warning",
        "{subject} has annotation {annotation} at {where}, but Istio reads it only on {kinds}, so here it does nothing. {fix}", "IST0107"),
    AnnotationUnknown: m("ISM0611", "AnnotationUnknown", "Warning",
        "{subject} has annotation {annotation} at {where}: it is in Istio's namespace but not in Istio {version}'s annotation catalogue, so Istio ignores it. " +
        "Check its spelling against https://istio.io/latest/docs/reference/config/annotations/ (Istio's labels, such as sidecar.istio.io/inject, go in metadata.labels).", "IST0108"),
    AnnotationInvalid: m("ISM0612", "AnnotationInvalid", "Warning",
        "{subject} sets {annotation}: \"{value}\" at {where}, which Istio's sidecar injector does not accept: {problem}.", "IST0125"),
    AnnotationDeprecated: m("ISM0613", "AnnotationDeprecated", "Warning",
        "{subject} has annotation {annotation} at {where}, which Istio {version} deprecates: it may stop working in a later version. " +
        "See https://istio.io/latest/docs/reference/config/annotations/ for what replaces it.", "IST0135"),
    // namespace
    NamespaceMultipleInjectionLabels: m("ISM0701", "NamespaceMultipleInjectionLabels", "Error",
        "{subject} has both istio-injection={injection} and istio.io/rev={revision}: istio-injection wins and the revision is ignored, " +
        "so pods are injected by the wrong control plane (or not at all). " +
        "Keep one label: istio.io/rev for a revisioned control plane (kubectl label namespace {namespace} istio-injection-), istio-injection=enabled otherwise.", "IST0123"),
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
    TelemetryAccessLogNoProvider: m("ISM0802", "TelemetryAccessLogNoProvider", "Warning",
        "{subject} at accessLogging[{index}] names no provider and meshConfig.defaultProviders.accessLogging is empty: istiod ignores the entry and no access log is written. " +
        "Name a provider (providers: [{name: envoy}]) or set meshConfig.defaultProviders.accessLogging.", "IST0157"),
    TelemetryDefaultConflict: m("ISM0803", "TelemetryDefaultConflict", "Error",
        "{subject} has no selector, and neither do {others} in namespace {namespace}: which one applies to the namespace's workloads is undefined. " +
        "Keep one Telemetry without selector per namespace; give the others a selector.", "IST0160"),
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
