import { z } from "zod";

/**
 * A container image pinned to a tag or digest. An untagged image means
 * `:latest`, which moves under a running Deployment: two pods of one
 * Deployment could run different code, and a `pulumi up` with no change
 * could change what runs.
 */
function imageTag(image: string): string | undefined {
    const name = image.split("@")[0];
    const colon = name.lastIndexOf(":");
    // A colon before the last `/` belongs to a registry port (`localhost:5000/app`).
    return colon > name.lastIndexOf("/") ? name.slice(colon + 1) : undefined;
}

const DIGEST = /@sha256:[a-f0-9]{64}$/;
// Docker's reference grammar: [registry[:port]/]path[:tag][@digest].
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REFERENCE = new RegExp(`^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::\\w[\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);

export const pinnedImage = z
    .string()
    .regex(REFERENCE, { error: "expected an image reference such as docker.io/hashicorp/http-echo:1.0.0" })
    .refine((image) => DIGEST.test(image) || (imageTag(image) ?? "latest") !== "latest", {
        error: "expected an image pinned to a tag other than latest, or to a digest (@sha256:...)",
    });
