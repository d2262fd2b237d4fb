import { z } from "zod";

/**
 * Shared zod building blocks for component arguments and stack config, so the
 * same rule (and the same error text) applies wherever a value enters.
 */

// Kubernetes resource quantities as the API server parses them (`100m`, `128Mi`, `1.5`, `2G`).
export const QUANTITY_PATTERN = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

export const quantity = z
    .string()
    .regex(QUANTITY_PATTERN, { error: "expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi" });

// RFC 1123 label: what Kubernetes accepts as a namespace name.
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsLabel = z
    .string()
    .max(63, { error: "expected at most 63 characters (a Kubernetes DNS label)" })
    .regex(DNS_LABEL_PATTERN, { error: "expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit" });

export const resourceList = z.strictObject({
    cpu: quantity.optional(),
    memory: quantity.optional(),
});

export const resourceRequirements = z.strictObject({
    requests: resourceList.optional(),
    limits: resourceList.optional(),
});

export type ResourceRequirements = z.infer<typeof resourceRequirements>;
