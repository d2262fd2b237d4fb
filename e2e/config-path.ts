/** Sets `a.b.c` under a config key as `pulumi config set --path istio-mesh:a.b.c` does. */
export function setPath(config: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
    const [top, ...rest] = key.split(".");
    if (rest.length === 0) return { ...config, [top]: value };
    const set = (node: unknown, [head, ...tail]: string[]): unknown => {
        const obj = node !== null && typeof node === "object" && !Array.isArray(node) ? node as Record<string, unknown> : {};
        return { ...obj, [head]: tail.length === 0 ? value : set(obj[head], tail) };
    };
    return { ...config, [top]: set(config[top], rest) };
}
