import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { graphRequests } from '../../observability/metrics';

/** Counts every Graph request by the status it got (`network` when none came), for /metrics. */
export class GraphMetricsHandler implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    try {
      await this.next!.execute(context);
    } catch (err) {
      graphRequests.inc({ status: context.response ? String(context.response.status) : 'network' });
      throw err;
    }
    graphRequests.inc({ status: String(context.response?.status ?? 'network') });
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
