import { z } from "zod";

type Defined<T> = Exclude<T, undefined>;
type IsRecord<T> = T extends readonly unknown[] ? false : T extends object ? true : false;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

/**
 * Whether a public interface `I` and a zod schema's input type `S` describe the
 * same thing: the same fields at every level, optional in both or in neither,
 * and every value `I` allows is one `S` allows (a schema may accept more, such
 * as ports as numbers, and then narrows with a transform).
 */
export type SameShape<I, S> =
    [Defined<I>] extends [readonly (infer IE)[]]
        ? ([Defined<S>] extends [readonly (infer SE)[]] ? SameShape<IE, SE> : false)
        : IsRecord<Defined<I>> extends true
            ? (IsRecord<Defined<S>> extends true ? SameFields<Defined<I>, Defined<S>> : false)
            : [Defined<I>] extends [Defined<S>] ? true : false;

// Maps (index signatures) compare their values; objects their fields, one by one.
type SameFields<I, S> =
    string extends keyof I
        ? (string extends keyof S ? SameShape<I[string & keyof I], S[string & keyof S]> : false)
        : string extends keyof S ? false
        : SameKeys<I, S> extends true
        ? ([OptionalKeys<I>] extends [OptionalKeys<S>] ? ([OptionalKeys<S>] extends [OptionalKeys<I>]
            ? (false extends { [K in keyof I]-?: K extends keyof S ? SameShape<I[K], S[K]> : false }[keyof I] ? false : true)
            : false) : false)
        : false;

/**
 * Ties a zod schema to the public interface it validates, so the two cannot
 * drift: `schemaOf<MyArgs>()(z.strictObject({...}))` does not compile unless
 * the schema's input has exactly the interface's fields (see SameShape). The
 * interface is what callers (and Pulumi's schema for other languages) see; the
 * schema adds the rules types cannot say.
 * @internal
 */
export function schemaOf<I>() {
    return <S extends z.ZodType>(schema: SameShape<I, z.input<S>> extends true ? S : never): S => schema;
}

/**
 * Shared zod building blocks for component arguments and stack config, so the
 * same rule (and the same error text) applies wherever a value enters.
 */

// Kubernetes resource quantities as the API server parses them (`100m`, `128Mi`, `1.5`, `2G`).
export const QUANTITY_PATTERN = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** @internal */
export const quantity = z
    .string()
    .regex(QUANTITY_PATTERN, { error: "expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi" });

// RFC 1123 label: what Kubernetes accepts as a namespace name.
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** @internal */
export const dnsLabel = z
    .string()
    .max(63, { error: "expected at most 63 characters (a Kubernetes DNS label)" })
    .regex(DNS_LABEL_PATTERN, { error: "expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit" });

// RFC 1123 subdomain: what Kubernetes accepts as the name of most objects (Istio's
// trust domain migration task names a policy service-httpbin.default.svc.cluster.local).
/** @internal */
export const dnsSubdomain = z
    .string()
    .max(253, { error: "expected at most 253 characters (a Kubernetes object name)" })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
        error: "expected a Kubernetes object name: DNS labels (lower-case letters, digits and '-') joined by '.'",
    });

/** Compute resources of a container, as Kubernetes quantities (`100m`, `128Mi`). */
export interface ResourceList {
    /**
     * @default none (no CPU request or limit)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    cpu?: string;
    /**
     * @default none (no memory request or limit)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    memory?: string;
}

/** A container's `resources`: what it is guaranteed (`requests`) and its ceiling (`limits`). */
export interface ResourceRequirements {
    /**
     * @default none: Kubernetes' (the limits, when they are set)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    requests?: ResourceList;
    /**
     * @default none (no ceiling)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    limits?: ResourceList;
}

/** @internal */
export const resourceList = schemaOf<ResourceList>()(z.strictObject({
    cpu: quantity.optional(),
    memory: quantity.optional(),
}));

/** @internal */
export const resourceRequirements = schemaOf<ResourceRequirements>()(z.strictObject({
    requests: resourceList.optional(),
    limits: resourceList.optional(),
}));
