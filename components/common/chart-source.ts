import * as path from "path";

/**
 * Where a chart comes from: its public Helm repository by default, or a
 * mirror that stands in for every public repository at once (an air-gapped
 * cluster's Artifactory or Harbor, or a folder of packaged charts).
 */

/** A chart as the project pins it: name, exact version and public repository. */
export interface ChartRef {
    chart: string;
    version: string;
    repository: string;
}

/** The chart arguments of `helm.v4.Chart` that say where to get it. */
export interface ChartSource {
    chart: string;
    version?: string;
    repositoryOpts?: { repo: string };
}

/** How a mirror is reached, read off how it is written. */
export type MirrorKind = "oci" | "http" | "directory";

export function mirrorKind(mirror: string): MirrorKind {
    if (mirror.startsWith("oci://")) return "oci";
    if (/^https?:\/\//.test(mirror)) return "http";
    return "directory";
}

/**
 * The file a folder mirror must hold for a chart: `helm package` names
 * archives `<chart>-<version>.tgz`, as a Helm repository's folder has them.
 */
export function packagedChartPath(mirror: string, chart: string, version: string): string {
    return path.resolve(mirror, `${chart}-${version}.tgz`);
}

export function chartSource(ref: ChartRef, mirror?: string): ChartSource {
    if (mirror === undefined) return { chart: ref.chart, version: ref.version, repositoryOpts: { repo: ref.repository } };
    switch (mirrorKind(mirror)) {
        case "oci":
            return { chart: `${mirror.replace(/\/+$/, "")}/${ref.chart}`, version: ref.version };
        case "http":
            return { chart: ref.chart, version: ref.version, repositoryOpts: { repo: mirror } };
        case "directory":
            // The archive is that version: its file name says so.
            return { chart: packagedChartPath(mirror, ref.chart, ref.version) };
    }
}
