import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { ofKind, Telemetry } from "../lib/kinds";
import { meshConfigs } from "../lib/mesh";
import { asList, describe } from "../lib/objects";

export const accessLoggingProviders: MeshStackPolicy = {
    name: "telemetry-access-logging-providers",
    description: "A Telemetry's accessLogging entry names a provider unless meshConfig.defaultProviders.accessLogging gives one (istioctl IST0157).",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["observability"],
        why: "istiod ignores the entry",
        messages: [MESSAGES.TelemetryAccessLogNoProvider],
        istio: ["IST0157"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0157/",
    },
    validateStack: (args, reportViolation) => {
        if (meshConfigs(args.resources).some((mesh) => asList(mesh.defaultProviders?.accessLogging).length > 0)) return;
        for (const t of ofKind(args.resources, Telemetry)) {
            asList(t.props.spec?.accessLogging).forEach((entry, index) => {
                if (entry?.disabled === true || asList(entry?.providers).length > 0) return;
                report(reportViolation, MESSAGES.TelemetryAccessLogNoProvider, { subject: describe(t), index }, t.urn);
            });
        }
    },
};
