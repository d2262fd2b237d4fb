// The wire marker Pulumi puts on secret values (sdk: rpc.ts specialSigKey / specialSecretSig).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True if a registered input was sent as a Pulumi secret. */
export function isSecret(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** A registered input with every secret replaced by its plain value, as the provider would see it. */
export function reveal<T>(value: T): T {
    if (isSecret(value)) return reveal((value as unknown as { value: T }).value);
    if (Array.isArray(value)) return value.map(reveal) as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)])) as T;
    }
    return value;
}
