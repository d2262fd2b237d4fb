export type Command = (argv: string[], print: (text: string) => void) => Promise<number>;

/**
 * Runs a script's command with the process's arguments and exits with its
 * code. An unexpected error is a bug, not bad input: its stack is printed and
 * the process exits with `crashCode`.
 */
export function runCommand(command: Command, crashCode: number): void {
    command(process.argv.slice(2), (text) => console.log(text)).then(
        (code) => process.exit(code),
        (e) => {
            console.error(e);
            process.exit(crashCode);
        },
    );
}
