import { z } from "zod";
import { DEFAULT_ISTIO_REPOSITORY, DEFAULT_ISTIO_VERSION, HELM_PROFILES, MeshProfile } from "./defaults";
import { dnsLabel, resourceRequirements, schemaOf } from "../common/validation";
import { EgressGatewaySettings, GatewayServiceType, IngressGatewaySettings, IstiodSettings } from "./helm-values";

/**
 * The rules of IstioMesh's istiod and gateway settings, tied to their
 * interfaces; the stack config (`istio-mesh:istio`) reuses them, so both say
 * the same thing about the same mistake.
 */

/** @internal A chart version pinned exactly, as Istio publishes them. */
export const pinnedVersion = z
    .string()
    .regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, { error: `expected a pinned version like ${DEFAULT_ISTIO_VERSION}` });

/** @internal */
export const helmRepository = z.url({ error: `expected a Helm repository URL such as ${DEFAULT_ISTIO_REPOSITORY}` });

/** @internal */
export const helmProfile = z.enum(HELM_PROFILES);

/** @internal IstioMesh's `profile` and the stacks' `istio-mesh:profile`. */
export const meshProfile = z.enum(MeshProfile);

const replicas = z.number().int({ error: "expected a whole number" }).min(1, { error: "expected at least 1" });

// What istiod and the gateway share: an autoscaling range, resources and a PDB switch.
const replicaFields = {
    autoscaleMin: replicas,
    autoscaleMax: replicas,
    resources: resourceRequirements,
    podDisruptionBudget: z.boolean(),
};

type Range = { autoscaleMin: number; autoscaleMax: number; podDisruptionBudget: boolean };

function inOrder<S extends z.ZodType<Range>>(schema: S): S {
    return schema.refine((v) => v.autoscaleMin <= v.autoscaleMax, { error: "autoscaleMin must not exceed autoscaleMax", path: ["autoscaleMin"] });
}

export const istiodSettingsSchema = schemaOf<IstiodSettings>()(inOrder(z.strictObject({ replicaCount: replicas, ...replicaFields })));

/** The gateway's fields; the stack config adds `enabled`. */
export const ingressGatewayFields = {
    name: dnsLabel,
    namespace: dnsLabel,
    serviceType: z.enum(GatewayServiceType),
    revision: dnsLabel.optional(),
    ...replicaFields,
};

/** The gateway's rules across fields, for IstioMesh's argument and the stack config alike. */
export function gatewayRules<S extends z.ZodType<Range>>(schema: S): S {
    // The gateway chart refuses a PodDisruptionBudget that could never allow an eviction.
    return inOrder(schema).refine((v) => !v.podDisruptionBudget || v.autoscaleMin >= 2, {
        error: "podDisruptionBudget needs autoscaleMin of at least 2",
        path: ["podDisruptionBudget"],
    });
}

export const ingressGatewaySchema = schemaOf<IngressGatewaySettings>()(gatewayRules(z.strictObject(ingressGatewayFields)));

/** The egress gateway's fields: the ingress gateway's, its namespace optional (the control plane's). */
export const egressGatewayFields = { ...ingressGatewayFields, namespace: dnsLabel.optional() };

export const egressGatewaySchema = schemaOf<EgressGatewaySettings>()(gatewayRules(z.strictObject(egressGatewayFields)));
