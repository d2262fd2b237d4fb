/** A pinned Helm chart: where it comes from and the one version this package was checked against. */
export interface PinnedChart {
    chart: string;
    version: string;
    repository: string;
}
