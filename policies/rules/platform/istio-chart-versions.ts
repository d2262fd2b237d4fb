import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { canaryVersions, ISTIO_CHARTS, istioCharts } from "../lib/mesh";
import { describe, labelsOf } from "../lib/objects";

const PINNED = /^[0-9]+\.[0-9]+\.[0-9]+$/;
// Istio's charts label what they render `helm.sh/chart: <chart>-<version>`.
const CHART_LABEL = new RegExp(`^(${ISTIO_CHARTS.join("|")})-(.+)$`);

export const istioChartVersions: MeshStackPolicy = {
    name: "platform-istio-chart-versions",
    description: "Istio's charts (base, istiod, gateway, cni, ztunnel) are pinned to one exact version, the same for all (or one of the versions of the revisioned istiods of a canary upgrade).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["operations"],
        why: "mixed releases are unsupported",
        messages: [MESSAGES.IstioChartUnpinned, MESSAGES.IstioChartVersionsMixed],
        istio: [],
        docs: "https://istio.io/latest/docs/releases/supported-releases/#control-planedata-plane-skew",
    },
    validateStack: (args, reportViolation) => {
        const seen: { chart: string; version: string; from: string; urn?: string }[] = [];
        for (const c of istioCharts(args.resources)) {
            if (!c.version || !PINNED.test(c.version)) {
                report(reportViolation, MESSAGES.IstioChartUnpinned, { subject: `Istio chart ${c.chart} (${c.resource.name})`, version: c.version ? `"${c.version}"` : "unset" }, c.resource.urn);
                continue;
            }
            seen.push({ chart: c.chart, version: c.version, from: `chart ${c.resource.name}`, urn: c.resource.urn });
        }
        for (const r of args.resources) {
            const labels = labelsOf(r.props);
            const m = CHART_LABEL.exec(labels["helm.sh/chart"] ?? "");
            if (m && Object.keys(labels).some((k) => k.includes("istio"))) seen.push({ chart: m[1], version: m[2], from: describe(r), urn: r.urn });
        }
        const versions = [...new Set(seen.map((s) => s.version))];
        // A canary upgrade runs revisioned istiods of different releases side by side; the
        // other charts may use any of their versions (platform-crd-version and
        // platform-revision-skew judge which).
        const canary = canaryVersions(args.resources);
        if (versions.length < 2 || (canary.size >= 2 && versions.every((v) => canary.has(v)))) return;
        const listing = versions.map((v) => `${v}: ${[...new Set(seen.filter((s) => s.version === v).map((s) => s.chart))].join(", ")}`).join("; ");
        report(reportViolation, MESSAGES.IstioChartVersionsMixed, { subject: "Istio charts", count: versions.length, listing });
    },
};
