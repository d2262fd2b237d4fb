import * as k8s from "@pulumi/kubernetes";
import { IstioMesh, jaegerCollector, MeshNamespace, MeshTracing, ObservabilityAddons, tracingMeshConfig } from "./components";
import { loadEnvironment } from "./stacks/load";
import { addonArgs, proxyDefaults, TRACING_PROVIDER } from "./stacks/observability";

/**
 * The istio-mesh program: stack config in, mesh out. Exported as a function so
 * that config is read (and rejected) before any resource is registered.
 */
export = async () => {
    const env = loadEnvironment();
    const { istio, observability } = env;
    const tracing = observability.tracing.enabled;

    const provider = new k8s.Provider("kubernetes", { context: env.kubernetes.context });

    const mesh = new IstioMesh("istio", {
        version: istio.version,
        repository: istio.repository,
        namespace: istio.namespace,
        helmProfile: istio.helmProfile,
        revision: istio.revision,
        cni: istio.cni,
        allowCrdDeletion: istio.allowCrdDeletion,
        istiod: istio.istiod,
        gateway: istio.gateway.enabled ? istio.gateway : undefined,
        meshConfig: tracing ? tracingMeshConfig({ name: TRACING_PROVIDER, ...jaegerCollector(istio.namespace) }) : undefined,
        proxy: proxyDefaults(observability),
    }, { providers: [provider] });

    const namespaces = Object.entries(env.namespaces).map(([name, ns]) =>
        new MeshNamespace(name, { create: ns.create, revision: istio.revision }, { providers: [provider], dependsOn: mesh.ready }));

    const addons = new ObservabilityAddons("observability", {
        ...addonArgs(observability),
        namespace: mesh.namespace,
        meshReady: mesh.ready,
        kubeContext: env.kubernetes.context,
    }, { providers: [provider] });
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
        istioNamespace: mesh.namespace,
        injectedNamespaces: namespaces.map((ns) => ns.namespace),
        gatewayService: mesh.gatewayService,
        gatewayNamespace: mesh.gatewayNamespace,
        dashboards: addons.dashboards,
    };
};
