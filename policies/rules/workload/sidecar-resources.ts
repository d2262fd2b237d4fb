import { ResourceValidationArgs } from "@pulumi/policy";
import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { INJECT_KEY, isGatewayTemplate, optsOut } from "../lib/injection";
import { REVISION_LABEL } from "../lib/mesh";
import { annotationsOf, describe, labelsOf, namespaceOf, Obj, podTemplateOf, podTemplatePath, POD_TEMPLATE_KINDS, POD_TEMPLATE_ONLY, requirePodTemplate } from "../lib/objects";
import { forKinds } from "../lib/kinds";

const configSchema = {
    properties: {
        required: stringList("Sidecar resource annotations every injected pod template must carry.", ["sidecar.istio.io/proxyCPU", "sidecar.istio.io/proxyMemory", "sidecar.istio.io/proxyCPULimit", "sidecar.istio.io/proxyMemoryLimit"]),
        defaults: {
            type: "object" as const,
            default: {
                "sidecar.istio.io/proxyCPU": "100m",
                "sidecar.istio.io/proxyMemory": "128Mi",
                "sidecar.istio.io/proxyCPULimit": "500m",
                "sidecar.istio.io/proxyMemoryLimit": "256Mi",
            },
            description: "Values the remediation writes for missing annotations.",
        },
        injectedNamespaces: stringList(
            "Namespaces labelled for injection (istio-injection=enabled or istio.io/rev): only their workloads, and pods labelled for injection themselves, get a sidecar.",
        ),
    },
};

interface Config {
    required: string[];
    defaults: Record<string, string>;
    injectedNamespaces: string[];
}

/**
 * A resource policy cannot read the Namespace's labels (another resource), so
 * the injected namespaces come from the config; a pod template labelled for
 * injection is injected wherever it runs.
 */
function getsSidecar(template: Obj, namespace: string, config: Config): boolean {
    if (optsOut(template) || isGatewayTemplate(template)) return false;
    const labels = labelsOf(template);
    return config.injectedNamespaces.includes(namespace) || labels[INJECT_KEY] === "true" || Boolean(labels[REVISION_LABEL]);
}

/** The annotations a workload that will get a sidecar lacks; none when it gets no sidecar. */
function missing(args: ResourceValidationArgs, config: Config): string[] {
    const template = podTemplateOf(args);
    if (!template || !getsSidecar(template, namespaceOf(args), config)) return [];
    const annotations = annotationsOf(template);
    return config.required.filter((key) => !annotations[key]);
}

export const sidecarResources: MeshResourcePolicy = forKinds(POD_TEMPLATE_KINDS, {
    name: "workload-sidecar-resources",
    description:
        "Pod templates that get a sidecar (in an injected namespace, or labelled for injection) size it with sidecar.istio.io/proxyCPU, proxyMemory, proxyCPULimit and proxyMemoryLimit; the remediation adds configured defaults.",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["availability"],
        why: "unsized sidecars starve or get OOM-killed",
        messages: [MESSAGES.SidecarResourcesMissing],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyCPU",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        requirePodTemplate(args);
        const config = configWithDefaults<Config>(args, configSchema);
        const absent = missing(args, config);
        if (absent.length === 0) return;
        report(reportViolation, MESSAGES.SidecarResourcesMissing, {
            subject: describe(args),
            missing: absent.join(", "),
            example: absent.map((k) => `${k}: "${config.defaults[k] ?? "?"}"`).join(", "),
        });
    },
    remediateResource: (args) => {
        const config = configWithDefaults<Config>(args, configSchema);
        const absent = missing(args, config).filter((key) => config.defaults[key] !== undefined);
        const path = podTemplatePath(args.type);
        if (absent.length === 0 || !path) return undefined;
        // Copy only the objects on the way to the annotations; everything else is passed through as given.
        const props: Obj = { ...args.props };
        let template = props;
        for (const key of path) template = template[key] = { ...template[key] };
        template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations } };
        for (const key of absent) template.metadata.annotations[key] = config.defaults[key];
        return props;
    },
}, POD_TEMPLATE_ONLY);
