import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { forKinds, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

const configSchema = {
    properties: {
        allowedHosts: stringList("Wildcard hosts that are accepted as written (a gateway's `*.example.com`)."),
    },
};

export const virtualServiceHosts: MeshResourcePolicy = forKinds([VirtualService], {
    name: "routing-virtual-service-wildcard-hosts",
    description: "VirtualService hosts name services: no `*`, which captures traffic meant for other services.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["traffic"],
        why: "captures other teams' traffic",
        messages: [MESSAGES.VirtualServiceWildcardHost],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService",
        related: "Kyverno `restrict-virtual-service-wildcard`",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { allowedHosts } = configWithDefaults<{ allowedHosts: string[] }>(args, configSchema);
        for (const host of asList(args.props.spec?.hosts).map(String)) {
            if (host.includes("*") && !allowedHosts.includes(host)) {
                report(reportViolation, MESSAGES.VirtualServiceWildcardHost, { subject: describe(args), host });
            }
        }
    },
});
