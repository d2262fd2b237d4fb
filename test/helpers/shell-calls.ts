import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** One HTTP call a container's shell script made with curl. */
export interface Call {
    method: string;
    url: string;
    /** `-H` values as given: `x-user-type: beta-tester`. */
    headers: string[];
}

// Records its arguments instead of calling anyone; answers like the demo's servers would.
const FAKE_CURL = `#!/bin/sh
method=GET; headers=""; url=""; status=""
while [ $# -gt 0 ]; do
  case "$1" in
    -X) method=$2; shift 2 ;;
    -H) headers="$headers$2|"; shift 2 ;;
    -w) status=yes; shift 2 ;;
    -o|-d|--max-time) shift 2 ;;
    -*) shift ;;
    *) url=$1; shift ;;
  esac
done
printf '%s\\t%s\\t%s\\n' "$method" "$url" "$headers" >> "$CALLS"
if [ -n "$status" ]; then printf 200; else echo "Hello version: v1, instance: test"; fi
`;

// Ends the script's endless loop after $ITERATIONS sleeps by stopping the shell that runs it.
const FAKE_SLEEP = `#!/bin/sh
n=$(( $(cat "$SLEEPS" 2>/dev/null || echo 0) + 1 ))
echo $n > "$SLEEPS"
[ $n -ge "$ITERATIONS" ] && kill $PPID
exit 0
`;

/**
 * Runs a container's command (a `/bin/sh -c` script) on this machine with
 * `curl` and `sleep` replaced, for `iterations` passes of its loop, and
 * returns the calls it made, in order. Also returns what it printed.
 */
export function shellCalls(command: string[], iterations: number): { calls: Call[]; stdout: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shell-calls-"));
    try {
        fs.writeFileSync(path.join(dir, "curl"), FAKE_CURL, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, "sleep"), FAKE_SLEEP, { mode: 0o755 });
        const calls = path.join(dir, "calls.tsv");
        const result = spawnSync(command[0], command.slice(1), {
            env: { PATH: `${dir}:/usr/bin:/bin`, CALLS: calls, SLEEPS: path.join(dir, "sleeps"), ITERATIONS: String(iterations) },
            encoding: "utf8",
            timeout: 10_000,
        });
        if (result.error) throw result.error;
        if (result.signal !== "SIGTERM") throw new Error(`the script ended by itself (status ${result.status}, signal ${result.signal}): ${result.stderr}`);
        const lines = fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").split("\n").filter((l) => l !== "") : [];
        return {
            calls: lines.map((line) => {
                const [method, url, headers] = line.split("\t");
                return { method, url, headers: headers.split("|").filter((h) => h !== "") };
            }),
            stdout: result.stdout,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
