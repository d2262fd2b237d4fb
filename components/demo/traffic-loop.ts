import { z } from "zod";
import { parseArgs } from "../common/parse-args";

/**
 * The api-gateway's job: a POSIX shell loop (it runs in the curl image's
 * BusyBox sh) that calls the demo services every `intervalSeconds`, so Kiali's
 * graph and Jaeger's traces fill without anyone typing, and logs one line per
 * call (`GET http://... 200`) for `kubectl logs`.
 *
 * Every iteration: GET and POST on `<orders>/orders/<n>` (allowed by the seed's
 * orders-policy) and GET `<myapp>/hello` (the 90/10 canary answers with its
 * version). Every 5th: the same call with `x-user-type: beta-tester` (always
 * v2). Every 10th: DELETE `<orders>/orders/1`, which the policy does not allow
 * (403).
 */
// The URLs go into the script as they are: nothing a shell would read differently is let in.
const baseUrl = z.string().regex(/^http:\/\/[a-z0-9.-]+(:[0-9]+)?$/, {
    error: "expected a base URL without a path, such as http://orders.default.svc.cluster.local:8080",
});

export const trafficLoopSchema = z.strictObject({
    /** Base URL of orders, such as `http://orders.default.svc.cluster.local:8080`. */
    orders: baseUrl,
    /** Base URL of myapp, such as `http://myapp.default.svc.cluster.local:5000`. */
    myapp: baseUrl,
    intervalSeconds: z.number().int({ error: "expected a whole number of seconds" }).min(1, { error: "expected at least 1 second" }),
});

export type TrafficLoopArgs = z.input<typeof trafficLoopSchema>;

export function trafficLoopScript(input: TrafficLoopArgs): string {
    const args = parseArgs(trafficLoopSchema, input, "api-gateway traffic loop");
    // `status` prints the status code, `body` the answer; --max-time keeps a hung call from stalling the loop.
    return [
        `status() { curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$@"; }`,
        `body() { curl -s --max-time 5 "$@"; }`,
        `n=0`,
        `while true; do`,
        `  n=$((n + 1))`,
        `  echo "GET ${args.orders}/orders/$n $(status ${args.orders}/orders/$n)"`,
        `  echo "POST ${args.orders}/orders/$n $(status -X POST -d item=$n ${args.orders}/orders/$n)"`,
        `  echo "GET ${args.myapp}/hello $(body ${args.myapp}/hello)"`,
        `  if [ $((n % 5)) -eq 0 ]; then`,
        `    echo "GET ${args.myapp}/hello [x-user-type: beta-tester] $(body -H 'x-user-type: beta-tester' ${args.myapp}/hello)"`,
        `  fi`,
        `  if [ $((n % 10)) -eq 0 ]; then`,
        `    echo "DELETE ${args.orders}/orders/1 $(status -X DELETE ${args.orders}/orders/1) (not allowed by orders-policy)"`,
        `  fi`,
        `  sleep ${args.intervalSeconds}`,
        `done`,
        ``,
    ].join("\n");
}
