import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { installedRevisions, istioCharts, namespaceLabels, REVISION_LABEL } from "../lib/mesh";

const configSchema = {
    properties: {
        externalRevisions: stringList("Revisions or revision tags of control planes installed outside this stack."),
    },
};

export const revisionInstalled: MeshStackPolicy = {
    name: "namespace-revision-installed",
    description: "A namespace's istio.io/rev label, and a gateway chart's revision, name a control plane revision (or tag) that the stack installs.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["operations"],
        why: "pods start without sidecars",
        messages: [MESSAGES.RevisionNotInstalled],
        istio: [],
        docs: "https://istio.io/latest/docs/setup/upgrade/canary/",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const { externalRevisions } = configWithDefaults<{ externalRevisions: string[] }>(args, configSchema);
        const installed = new Set([...installedRevisions(args.resources), ...externalRevisions]);
        for (const [name, ns] of namespaceLabels(args.resources)) {
            const revision = ns.labels[REVISION_LABEL];
            if (revision === undefined || installed.has(revision)) continue;
            const known = installed.size > 0 ? [...installed].join(", ") : "none";
            report(reportViolation, MESSAGES.RevisionNotInstalled, { subject: `Namespace ${name}`, revision, installed: known }, ns.resource.urn);
        }
        // A gateway's pods carry its chart's revision as istio.io/rev: removing that revision leaves them without a proxy.
        for (const c of istioCharts(args.resources).filter((x) => x.chart === "gateway")) {
            const revision = c.values.revision;
            if (typeof revision !== "string" || !revision || installed.has(revision)) continue;
            const known = installed.size > 0 ? [...installed].join(", ") : "none";
            report(reportViolation, MESSAGES.RevisionNotInstalled, { subject: `Gateway chart ${c.resource.name}`, revision, installed: known }, c.resource.urn);
        }
    },
};
