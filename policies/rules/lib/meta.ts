import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { Message } from "./messages";

/**
 * What each policy says about itself beyond name and description, as
 * pulumi/compliance-policies does: a test checks it and the README's policy
 * table is generated from it (scripts/policy-table.ts).
 */
export interface PolicyMeta {
    severity: "low" | "medium" | "high" | "critical";
    topics: ("security" | "traffic" | "resilience" | "availability" | "operations" | "observability")[];
    /** Why it matters, in a few words (the README's "why" column). */
    why: string;
    /** The catalogue messages it reports. */
    messages: Message[];
    /** `istioctl analyze` messages it catches before apply (IST codes). */
    istio: string[];
    /** The Istio (or addon) documentation of what it guards. */
    docs: string;
    /** The same check elsewhere (Kyverno's Istio policies), when one exists. */
    related?: string;
}

export type MeshResourcePolicy = ResourceValidationPolicy & { meta: PolicyMeta };
export type MeshStackPolicy = StackValidationPolicy & { meta: PolicyMeta };
export type MeshPolicy = MeshResourcePolicy | MeshStackPolicy;
