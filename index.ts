import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
// The sources, not the package entry (components/package.json points other programs at the compiled bin/).
import {
    IstioMesh, MeshAuthorization, MeshEgress, MeshIngress, MeshMtls, MeshNamespace, MeshTracing, ObservabilityAddons,
} from "./components/index";
import { DEMO_NAMESPACE, DemoWorkloads } from "./components/demo";
import { terminatesTls } from "./components/ingress/workload-sidecar";
import { MeshServices } from "./components/traffic/mesh-services";
import { defaultExportTo } from "./components/traffic/service-rules";
import { resolveHost } from "./components/traffic/hosts";
import { egressGateways } from "./stacks/egress";
import { ingressGateways, servingGatewayNamespaces } from "./stacks/ingress";
import { ConfigError, configKey } from "./stacks/errors";
import { loadEnvironment } from "./stacks/load";
import { deployedVersions, needsFormerUrns, URN_LAYOUT, versionChangeProblems } from "./stacks/version-history";
import { meshConfigOf } from "./stacks/mesh-config";
import { stackNamespaces } from "./stacks/service-hosts";
import { addonArgs, proxyDefaults, TRACING_PROVIDER } from "./stacks/observability";
import { plainStackTraces } from "./stacks/plain-stack-traces";

/**
 * The istio-mesh program: stack config in, mesh out. Exported as a function so
 * that config is read (and rejected) before any resource is registered.
 */
export = async () => {
    plainStackTraces();
    const env = loadEnvironment();
    // A version change is judged against what this stack deployed last, before anything is registered.
    const deployed = await deployedVersions();
    const changes = versionChangeProblems(deployed, env);
    if (changes.length > 0) throw new ConfigError(changes.map((p) => `${configKey(p.path)}: ${p.message}`));
    const { istio, security, observability } = env;
    const { enabled: meshCa, ...ca } = security.ca;
    const { enabled: gatewayOn, ...gateway } = istio.gateway;
    const { enabled: egressGatewayOn, ...egressGateway } = istio.egressGateway;
    const tracing = observability.tracing.enabled;

    const provider = new k8s.Provider("kubernetes", { context: env.kubernetes.context });

    const mesh = new IstioMesh("istio", {
        // The stack's istio section already holds the profile's values; passed so that nothing falls back to another profile's.
        profile: env.profile,
        version: istio.version,
        repository: istio.repository,
        chartMirror: env.charts.mirror,
        namespace: istio.namespace,
        helmProfile: istio.helmProfile,
        revision: istio.revision,
        revisions: istio.revisions,
        revisionTags: istio.revisionTags,
        cni: istio.cni,
        allowCrdDeletion: istio.allowCrdDeletion,
        protect: istio.protect,
        istiod: istio.istiod,
        gateway: gatewayOn ? gateway : undefined,
        egressGateway: egressGatewayOn ? egressGateway : undefined,
        trustDomain: security.trustDomain,
        meshConfig: meshConfigOf(env),
        proxy: proxyDefaults(observability),
        certificateAuthority: meshCa ? ca : undefined,
        sidecarIngressTls: terminatesTls(env.ingress.sidecars),
    }, { providers: [provider] });

    const namespaces = Object.entries(env.namespaces).map(([name, ns]) =>
        new MeshNamespace(name, { create: ns.create, revision: ns.revision ?? istio.revision }, { providers: [provider], dependsOn: mesh.ready }));

    // Istio objects need istiod's webhook, and their namespace if this stack creates it.
    const namespaceByName = new Map(Object.keys(env.namespaces).map((name, i) => [name, namespaces[i]]));
    // The external hosts (ServiceEntries) go in before the rules for them; both need istiod and the namespaces.
    const egress = new MeshEgress("egress", {
        serviceEntries: env.egress.serviceEntries,
        sidecars: env.egress.sidecars,
        gateways: egressGateways(env),
    }, { providers: [provider], dependsOn: [...mesh.ready, ...namespaces] });

    // Gateways on the installed ingress gateway (and their certificates, from cert-manager).
    new MeshIngress("ingress", { gateways: ingressGateways(env), sidecars: env.ingress.sidecars }, { providers: [provider], dependsOn: [...mesh.ready, ...namespaces] });

    const meshNamespaces = stackNamespaces(env);
    // One component for every service's rules (not one each), registered a few services at a time: see MeshServices.
    const serviceRules = await MeshServices.create("services", {
        services: Object.fromEntries(Object.entries(env.services).map(([name, service]) => {
            // Rules a gateway applies must reach its pods' namespace too, which the component cannot know.
            const serving = service.exportTo === undefined ? servingGatewayNamespaces(env, service) : [];
            const exportTo = serving.length === 0 ? service.exportTo : defaultExportTo(service.gateways, service.namespace, serving);
            return [name, { ...service, exportTo, meshNamespaces }];
        })),
        dependsOn: Object.fromEntries(Object.entries(env.services).map(([name, service]) => {
            // Its namespace, and the DestinationRule's when it lives apart (the VirtualService waits for the DestinationRule).
            const own = [service.namespace, service.destinationRule?.namespace].flatMap((ns) => (ns === undefined ? [] : namespaceByName.get(ns) ?? []));
            const external = resolveHost(service.host ?? name, service.namespace, meshNamespaces)?.external === true;
            return [name, [...mesh.controlPlanes, ...own, ...(external ? [egress] : [])]];
        })),
        formerUrns: needsFormerUrns(deployed),
    }, { providers: [provider], dependsOn: mesh.controlPlanes });
    const services = Object.values(serviceRules.rules).map((r) => ({ host: r.host, objects: [r.destinationRule, r.virtualService] }));

    // Traffic rules (above) and security policies go in after istiod (CRDs, validation webhook), not the
    // ingress gateway's pods, which they do not need; each after the namespace it lives in (through
    // managedNamespaces: one edge per policy, not one per policy and namespace).
    const afterMesh = { providers: [provider], dependsOn: mesh.controlPlanes };
    const managedNamespaces = Object.fromEntries([...namespaceByName].map(([name, ns]) => [name, ns.namespace]));
    const mtls = new MeshMtls("mtls", { rootNamespace: istio.namespace, mtls: security.mtls, managedNamespaces }, afterMesh);
    // A few policies per turn, as the services above.
    const authz = await MeshAuthorization.create("authz", {
        trustDomain: security.trustDomain,
        denyByDefault: [...new Set([
            ...(security.authorization.denyByDefault ? Object.keys(env.namespaces) : []),
            ...security.authorization.allowNothing,
        ])],
        policies: security.authorization.policies,
        managedNamespaces,
        requestAuthentications: security.requestAuthentication,
    }, afterMesh);

    // The seed's workloads start after the injection webhook, their namespace's label, the
    // policies and (per app, inside the component) the traffic rules of the hosts they use.
    if (env.demo.enabled) {
        const demoNamespace = namespaceByName.get(DEMO_NAMESPACE);
        if (!demoNamespace) {
            pulumi.log.warn(`istio-mesh:demo: the demo workloads run in namespace ${DEMO_NAMESPACE}, which istio-mesh:namespaces ` +
                `does not label for injection, so they get no sidecars; add ${DEMO_NAMESPACE}: {create: false} there`);
        }
        new DemoWorkloads("demo", { trafficRules: services }, {
            providers: [provider],
            // The policies that apply to them: their namespace's and the root namespace's, not every namespace's.
            dependsOn: [...mesh.ready, ...(demoNamespace ? [demoNamespace] : []),
                ...[DEMO_NAMESPACE, istio.namespace].flatMap((ns) => [...mtls.objectsIn(ns), ...authz.objectsIn(ns)])],
        });
    }

    const addons = new ObservabilityAddons("observability", {
        ...addonArgs(observability),
        namespace: mesh.namespace,
        kubeContext: env.kubernetes.context,
        chartMirror: env.charts.mirror,
    }, { providers: [provider], dependsOn: mesh.ready });
    if (tracing) {
        new MeshTracing("tracing", {
            namespace: istio.namespace,
            provider: TRACING_PROVIDER,
            randomSamplingPercentage: observability.tracing.randomSamplingPercentage,
        }, { providers: [provider], dependsOn: mesh.ready });
    }

    return {
        istioVersion: mesh.version,
        revision: mesh.revision,
        revisions: istio.revisions.map((r) => r.name),
        istioNamespace: mesh.namespace,
        injectedNamespaces: namespaces.map((ns) => ns.namespace),
        gatewayService: mesh.gatewayService,
        gatewayNamespace: mesh.gatewayNamespace,
        serviceHosts: services.map((s) => s.host),
        dashboards: addons.dashboards,
        urnLayout: URN_LAYOUT,
    };
};
