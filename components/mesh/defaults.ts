/**
 * IstioMesh's defaults, written once: the component, the stack presets
 * (stacks/presets.ts) and the schemas (settings.ts) read them here. No zod in
 * this file, so the package's public types can re-export it.
 */

/** The Istio version IstioMesh installs when none is given. */
export const DEFAULT_ISTIO_VERSION = "1.30.3";

/** Istio's own Helm repository, IstioMesh's default `repository`. */
export const DEFAULT_ISTIO_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";

/** Istio's own chart profiles that keep sidecar mode (ambient and remote are other topologies). */
export const HELM_PROFILES = ["demo", "stable", "preview"] as const;
