import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { readYaml } from "../lib/yaml";
import { ConfigMap, forKinds, HelmChart, HelmRelease, isHelmChart, isKind, Kiali } from "../lib/kinds";
import { describe, isObj, objectName } from "../lib/objects";
import { configWithDefaults } from "../lib/config";

/** Kiali's auth strategy wherever a stack can set it: chart values, the Kiali CR, or the rendered config. */
function authStrategy(type: string, props: { [key: string]: any }): unknown {
    if (isHelmChart(type)) {
        const chart = String(props.chart ?? "").split("/").pop();
        if (chart === "kiali-server") return props.values?.auth?.strategy;
        if (chart === "kiali-operator") return props.values?.cr?.spec?.auth?.strategy;
        return undefined;
    }
    if (isKind(type, Kiali)) return props.spec?.auth?.strategy;
    if (isKind(type, ConfigMap) && typeof props.data?.["config.yaml"] === "string") {
        const config = readYaml(props.data["config.yaml"]);
        return isObj(config) ? config.auth?.strategy : undefined;
    }
    return undefined;
}

const configSchema = {
    properties: {
        allowAnonymous: {
            type: "boolean" as const,
            default: false,
            description: "Accept anonymous Kiali: only for a local demo cluster where Kiali is reached by port-forward, as Istio's sample addon runs it (the stack config's observability.kiali.allowAnonymous says the same).",
        },
    },
};

export const kialiAuth: MeshResourcePolicy = forKinds([HelmChart, HelmRelease, Kiali, ConfigMap], {
    name: "platform-kiali-auth",
    description: "Kiali requires login: no `anonymous` auth strategy, which gives everyone who reaches it the mesh's topology and config.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "critical",
        topics: ["security", "observability"],
        why: "anyone reaching Kiali reads the mesh",
        messages: [MESSAGES.KialiAnonymous],
        istio: [],
        docs: "https://kiali.io/docs/configuration/authentication/",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        if (configWithDefaults<{ allowAnonymous: boolean }>(args, configSchema).allowAnonymous) return;
        if (isKind(args.type, ConfigMap) && !/kiali/.test(objectName(args))) return;
        if (authStrategy(args.type, args.props) !== "anonymous") return;
        const what = isHelmChart(args.type) ? `Kiali chart ${args.name}` : describe(args);
        report(reportViolation, MESSAGES.KialiAnonymous, { subject: what });
    },
}, "applies to Helm charts, Kiali CRs and ConfigMaps only");
