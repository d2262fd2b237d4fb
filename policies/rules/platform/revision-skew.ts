import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { crdVersions, istiodVersions } from "../lib/mesh";
import { minorsApart, versionOrder } from "../lib/versions";

// Istio supports canary upgrades across two minor versions at most.
const MAX_MINORS = 2;

export const revisionSkew: MeshStackPolicy = {
    name: "platform-revision-skew",
    description: "The istiod revisions and CRDs installed side by side span at most two minor versions.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["operations"],
        why: "unsupported version skew",
        messages: [MESSAGES.RevisionSkewTooWide],
        istio: [],
        docs: "https://istio.io/latest/docs/releases/supported-releases/#control-planedata-plane-skew",
    },
    validateStack: (args, reportViolation) => {
        const versions = [...new Set([...istiodVersions(args.resources).values(), ...crdVersions(args.resources).keys()])]
            .filter((v) => versionOrder(v, v) !== undefined)
            .sort((a, b) => versionOrder(a, b)!);
        if (versions.length < 2) return;
        const [oldest, newest] = [versions[0], versions[versions.length - 1]];
        const minors = minorsApart(oldest, newest);
        if (minors > MAX_MINORS) {
            report(reportViolation, MESSAGES.RevisionSkewTooWide, { subject: "Istio's control planes and CRDs", oldest, newest, minors, max: MAX_MINORS });
        }
    },
};
