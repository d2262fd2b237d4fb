import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { installedRevisions, namespaceLabels, REVISION_LABEL } from "../lib/mesh";

const configSchema = {
    properties: {
        externalRevisions: stringList("Revisions or revision tags of control planes installed outside this stack."),
    },
};

export const revisionInstalled: MeshStackPolicy = {
    name: "namespace-revision-installed",
    description: "A namespace's istio.io/rev label names a control plane revision (or tag) that the stack installs.",
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
    },
};
