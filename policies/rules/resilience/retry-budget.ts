import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { durationMs } from "../lib/duration";
import { forKinds, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

/** Istio's retry attempts when a route sets retries without `attempts`. */
export const DEFAULT_RETRY_ATTEMPTS = 2;

export const retryBudget: MeshResourcePolicy = forKinds([VirtualService], {
    name: "resilience-retry-budget",
    description: "Retries fit in the route timeout: attempts x perTryTimeout must not exceed the route's timeout.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["resilience"],
        why: "the route times out before its retries run",
        messages: [MESSAGES.RetryBudgetExceedsTimeout],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry",
    },
    validateResource: (args, reportViolation) => {
        asList(args.props.spec?.http).forEach((route, i) => {
            const timeout = durationMs(route?.timeout);
            const perTry = durationMs(route?.retries?.perTryTimeout);
            if (timeout === undefined || perTry === undefined) return;
            const attempts = typeof route.retries.attempts === "number" ? route.retries.attempts : DEFAULT_RETRY_ATTEMPTS;
            if (attempts * perTry <= timeout) return;
            report(reportViolation, MESSAGES.RetryBudgetExceedsTimeout, {
                subject: describe(args), index: i, attempts, perTryTimeout: route.retries.perTryTimeout, budget: (attempts * perTry) / 1000, timeout: route.timeout,
            });
        });
    },
});
