/**
 * How to open an addon's UI without exposing it: `kubectl port-forward` to its
 * Service, the equivalent of `istioctl dashboard kiali|jaeger|prometheus`.
 */
export interface Dashboard {
    command: string;
    url: string;
}

export interface DashboardArgs {
    namespace: string;
    service: string;
    port: number;
    /** Path of the UI on that port (`/kiali`, `/jaeger`, or empty). */
    path: string;
    /** kubeconfig context, when the stack targets one explicitly. */
    context?: string;
}

export function dashboard(args: DashboardArgs): Dashboard {
    const context = args.context ? ` --context ${args.context}` : "";
    return {
        command: `kubectl${context} -n ${args.namespace} port-forward svc/${args.service} ${args.port}:${args.port}`,
        url: `http://localhost:${args.port}${args.path}`,
    };
}
