import { z } from "zod";

/**
 * Kubernetes label keys and values, as the API server (and Istio's subset
 * validation) accepts them: an optional DNS-subdomain prefix and a name of at
 * most 63 characters.
 */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isLabelKey(key: string): boolean {
    const slash = key.indexOf("/");
    const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
    if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return false;
    return name.length <= 63 && NAME.test(name);
}

export const labelKey = z.string().refine(isLabelKey, {
    error: "expected a Kubernetes label key such as version or app.kubernetes.io/version",
});

export const labelValue = z
    .string()
    .refine((v) => v === "" || (v.length <= 63 && NAME.test(v)), {
        error: "expected a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
    });

export const labelSelector = z
    .record(labelKey, labelValue)
    .refine((labels) => Object.keys(labels).length > 0, { error: "expected at least one label" });
