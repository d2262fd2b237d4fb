import { z } from "zod";
import { dnsLabel } from "../components/common/validation";
import { MESH_PROFILES, MeshProfile } from "../components/mesh/defaults";
import { egressGatewayFields, gatewayRules, helmProfile, helmRepository, ingressGatewayFields, istiodSettingsSchema, meshProfile, pinnedVersion } from "../components/mesh/settings";
import { meshServiceArgs } from "../components/traffic/args";
import { duplicateHosts } from "../components/traffic/hosts";
import { tlsDisableFields } from "../components/security/destination-rule-tls";
import { demoSchema } from "./demo-schema";
import { observabilitySchema } from "./observability-schema";
import { egressSchema } from "./egress";
import { externalHostsWithoutEntry } from "./external-hosts";
import { ingressProblems } from "./ingress-checks";
import { ingressSchema } from "./ingress";
import { customProviderProblems, securitySchema } from "./security";
import { revisionConfigProblems } from "./revisions";
import { stackNamespaces } from "./service-hosts";

/**
 * The whole stack configuration (every `istio-mesh:*` key), after the profile
 * preset has been merged under it. Strict objects everywhere: a misspelt key is
 * an error, not a silently ignored setting.
 */

// IstioMesh's profiles: the stack presets build on the component's (presets.ts).
export const PROFILES = MESH_PROFILES;
export type Profile = MeshProfile;

// istiod and the gateway as IstioMesh takes them; the gateway can be switched off here.
const gatewaySchema = gatewayRules(z.strictObject({ enabled: z.boolean(), ...ingressGatewayFields }));
const egressGatewaySchema = gatewayRules(z.strictObject({ enabled: z.boolean(), ...egressGatewayFields }));

export const istioSchema = z.strictObject({
    version: pinnedVersion,
    repository: helmRepository,
    namespace: dnsLabel,
    revision: dnsLabel.optional(),
    // Control planes side by side (canary upgrade): then `version` is the CRDs' (base chart).
    revisions: z.array(z.strictObject({ name: dnsLabel, version: pinnedVersion })).default([]),
    // Tag -> revision, rendered as the istiod chart's revisionTags of that revision.
    revisionTags: z.record(dnsLabel, dnsLabel).default({}),
    helmProfile: helmProfile.optional(),
    cni: z.boolean(),
    allowCrdDeletion: z.boolean(),
    // protect the control plane, CRDs and mesh CA (production); false before a planned uninstall.
    protect: z.boolean(),
    istiod: istiodSettingsSchema,
    gateway: gatewaySchema,
    egressGateway: egressGatewaySchema,
}).refine((i) => !i.egressGateway.enabled || !i.gateway.enabled || i.egressGateway.namespace !== i.gateway.namespace, {
    error: "is the ingress gateway's namespace; give the egress gateway its own, or leave it out for the control plane's",
    path: ["egressGateway", "namespace"],
});

// A mirror written as a URL must be one; anything else is a folder of packaged charts.
const chartMirror = z
    .string()
    .min(1, { error: "expected an oci:// or http(s):// Helm repository, or a folder of packaged charts" })
    .refine((m) => !/^(https?|oci):\/\//.test(m) || URL.canParse(m), {
        error: "expected a valid repository URL such as https://artifactory.example.com/helm or oci://harbor.example.com/charts",
    });

export const chartsSchema = z.strictObject({ mirror: chartMirror.optional() });

export const namespaceSchema = z.strictObject({
    // false for a namespace that already exists (such as `default`): it is labelled, not created.
    create: z.boolean().default(true),
    // The revision or revision tag that injects its pods (istio.io/rev); istio.revision when omitted.
    revision: dnsLabel.optional(),
});

export const servicesSchema = z.record(dnsLabel, meshServiceArgs);

export const environmentSchema = z.strictObject({
    profile: meshProfile,
    kubernetes: z.strictObject({
        context: z.string().min(1, { error: "expected a kubeconfig context name" }).optional(),
    }),
    istio: istioSchema,
    charts: chartsSchema,
    namespaces: z.record(dnsLabel, namespaceSchema),
    observability: observabilitySchema,
    security: securitySchema,
    services: servicesSchema,
    egress: egressSchema,
    ingress: ingressSchema,
    demo: demoSchema,
}).superRefine((env, ctx) => {
    // Two services may not claim one host (Istio does not define how two
    // VirtualServices or DestinationRules for a host combine).
    const known = stackNamespaces(env);
    const entries = Object.entries(env.services).map(([name, s]) => ({ name, namespace: s.namespace, host: s.host ?? s.name }));
    for (const [name, host, owner] of duplicateHosts(entries, known)) {
        ctx.addIssue({
            code: "custom",
            path: ["services", name],
            message: `host ${host} already belongs to service ${owner}; each host gets exactly one VirtualService and one DestinationRule`,
        });
    }
    for (const { path, message } of [...ingressProblems(env), ...customProviderProblems(env.security), ...revisionConfigProblems(env)]) {
        ctx.addIssue({ code: "custom", path, message });
    }
    for (const { path, host } of externalHostsWithoutEntry(env, known)) {
        ctx.addIssue({
            code: "custom",
            path,
            message: `${host} is an external host (not a Kubernetes service of this stack): declare it in a ServiceEntry ` +
                "(istio-mesh:egress.serviceEntries), or Istio has no route to apply these rules to",
        });
    }
    // A DISABLE DestinationRule to a STRICT namespace can only break traffic.
    for (const [name, service] of Object.entries(env.services)) {
        const mode = env.security.mtls.namespaces[service.namespace]?.mode ?? env.security.mtls.mode;
        for (const field of tlsDisableFields(mode, { trafficPolicy: service.trafficPolicy })) {
            ctx.addIssue({
                code: "custom",
                path: ["services", name, ...field.split(".")],
                message: `plain text is refused in namespace ${service.namespace}, whose mTLS is STRICT; leave tls out (auto mTLS) or use ISTIO_MUTUAL`,
            });
        }
    }
});

export type Environment = z.infer<typeof environmentSchema>;
export type IstioSettings = Environment["istio"];
