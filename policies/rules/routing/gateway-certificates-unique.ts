import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { Gateway, ofKind } from "../lib/kinds";
import { asList, describe, isObj, Obj, ResourceLike, selects } from "../lib/objects";

/** What identifies a server's certificate: its credentialName, or its certificate and key files. */
function certificates(gateway: ResourceLike): string[] {
    return asList(gateway.props.spec?.servers).map((s) => s?.tls).filter(isObj).flatMap((tls: Obj) => {
        if (tls.credentialName) return [`credentialName ${tls.credentialName}`];
        if (tls.serverCertificate && tls.privateKey) return [`serverCertificate ${tls.serverCertificate} with privateKey ${tls.privateKey}`];
        return [];
    });
}

/** Gateway b runs on the workloads a selects when b's selector has every label of a's (an empty selector, all). */
function sameWorkloads(a: ResourceLike, b: ResourceLike): boolean {
    return selects(a.props.spec?.selector ?? {}, b.props.spec?.selector ?? {});
}

export const gatewayCertificatesUnique: MeshStackPolicy = {
    name: "routing-gateway-certificates-unique",
    description: "No two Gateways on the same gateway workloads serve the same certificate (istioctl IST0138).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "HTTP/2 clients get 404s",
        messages: [MESSAGES.GatewayDuplicateCertificate],
        istio: ["IST0138"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0138/",
    },
    validateStack: (args, reportViolation) => {
        const gateways = ofKind(args.resources, Gateway);
        for (const gateway of gateways) {
            const mine = certificates(gateway);
            for (const other of gateways) {
                if (other === gateway || !sameWorkloads(gateway, other)) continue;
                const shared = certificates(other).find((c) => mine.includes(c));
                if (shared) report(reportViolation, MESSAGES.GatewayDuplicateCertificate, { subject: describe(gateway), other: describe(other), certificate: shared }, gateway.urn);
            }
        }
    },
};
