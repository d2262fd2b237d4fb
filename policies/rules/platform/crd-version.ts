import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { crdVersions, istiodVersions } from "../lib/mesh";
import { versionOrder } from "../lib/versions";

export const crdVersion: MeshStackPolicy = {
    name: "platform-crd-version",
    description: "The Istio CRDs (base chart) are at least as new as every istiod revision the stack installs.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["operations"],
        why: "a CRD downgrade breaks the newer istiod",
        messages: [MESSAGES.CrdOlderThanControlPlane],
        istio: [],
        docs: "https://istio.io/latest/docs/setup/upgrade/helm/#canary-upgrade-recommended",
    },
    validateStack: (args, reportViolation) => {
        const istiods = istiodVersions(args.resources);
        for (const [crdVersion, resource] of crdVersions(args.resources)) {
            for (const [revision, version] of istiods) {
                if ((versionOrder(version, crdVersion) ?? 0) > 0) {
                    report(reportViolation, MESSAGES.CrdOlderThanControlPlane, { subject: "The Istio CRDs", crdVersion, revision, version }, resource.urn);
                }
            }
        }
    },
};
