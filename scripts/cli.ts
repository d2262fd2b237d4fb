import { parseArgs } from "util";
import { didYouMean } from "../components/common/suggest";

export type Command = (argv: string[], print: (text: string) => void, printError?: (text: string) => void) => Promise<number>;

/** A script's options: each takes a value unless `flag`; `help` is added to every script. */
export interface OptionSpec {
    [name: string]: { value: string; help: string; choices?: readonly string[] } | { flag: true; help: string };
}

/** Bad command-line use: exit 2 with the message and the usage, no stack trace. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export interface Cli {
    /** `npm run <script> -- <options>`, the first line of --help and of every usage error. */
    usage: string;
    description: string;
    options: OptionSpec;
}

export function helpText(cli: Cli): string {
    const rows = Object.entries({ ...cli.options, help: { flag: true as const, help: "print this help and exit" } }).map(
        ([name, o]) => [`--${name}${"value" in o ? ` <${o.value}>` : ""}`, o.help],
    );
    const width = Math.max(...rows.map(([left]) => left.length));
    return [`usage: ${cli.usage}`, "", cli.description, "", "options:", ...rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`)].join("\n");
}

/**
 * The options given, or a UsageError: unknown flags (with the closest known
 * one), stray words, a missing value. `--flag value` and `--flag=value` both
 * work. `npm run x --stack prod` (no `--`) hands `--stack` to npm, which sets
 * npm_config_stack and passes `prod` on as a stray word: both are caught.
 */
export function parseOptions(cli: Cli, argv: string[], env: Record<string, string | undefined> = process.env): Record<string, string | boolean | undefined> {
    const names = [...Object.keys(cli.options), "help"];
    for (const name of names) {
        if (env[`npm_config_${name}`] !== undefined && !argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) {
            throw new UsageError(`npm took --${name} as its own option: put the script's options after --, as in: ${cli.usage}`);
        }
    }
    for (const arg of argv) {
        const match = /^--?([^=]+)/.exec(arg);
        if (match && arg !== "--" && !names.includes(match[1])) {
            throw new UsageError(`unknown option ${arg.split("=")[0]}${didYouMean(match[1], names, (n) => `--${n}`)}`);
        }
    }
    const options = Object.fromEntries(
        Object.entries(cli.options).map(([name, o]) => [name, { type: "value" in o ? ("string" as const) : ("boolean" as const) }]),
    );
    try {
        const { values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: "boolean" } }, strict: true, allowPositionals: true });
        if (positionals.length > 0) {
            throw new UsageError(`unexpected argument "${positionals[0]}" (options are --name value; after npm run, put them after --)`);
        }
        for (const [name, o] of Object.entries(cli.options)) {
            const given = (values as Record<string, string | boolean | undefined>)[name];
            if ("choices" in o && o.choices && typeof given === "string" && !o.choices.includes(given)) {
                throw new UsageError(`--${name} ${given}: expected one of ${o.choices.join(", ")}${didYouMean(given, o.choices)}`);
            }
        }
        return values;
    } catch (e) {
        if (e instanceof UsageError) throw e;
        // Node's own messages for a missing value or a value given to a flag.
        throw new UsageError((e as Error).message.split("\n")[0].replace(/^Option '(-\w, )?/, "option '"));
    }
}

/**
 * Runs a script's command with the process's arguments and exits with its
 * code. Reports go to stdout, errors to stderr. An unexpected error is a bug,
 * not bad input: its stack is printed and the process exits with `crashCode`.
 */
export function runCommand(command: Command, crashCode: number): void {
    command(process.argv.slice(2), (text) => console.log(text), (text) => console.error(text)).then(
        (code) => process.exit(code),
        (e) => {
            console.error(e);
            process.exit(crashCode);
        },
    );
}

/**
 * The parsed options, or null after printing help (exit 0) or a usage error
 * (exit 2): `const o = options(...); if (typeof o === "number") return o;`.
 */
export function optionsOrExit(cli: Cli, argv: string[], print: (t: string) => void, printError: (t: string) => void): Record<string, string | boolean | undefined> | number {
    let values;
    try {
        values = parseOptions(cli, argv);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        printError(`error: ${e.message}\nusage: ${cli.usage} (--help for more)`);
        return 2;
    }
    if (values.help) {
        print(helpText(cli));
        return 0;
    }
    return values;
}
