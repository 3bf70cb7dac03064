// Following jobs in tests through their events, as the web app does, with a deadline instead of
// sleeps; and gates that hold a test job at a named step until the test opens it.
import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface FollowJobOptions<E = { status: string }> {
  /** The gateway's (or a subgraph's) base URL, http(s). */
  url: string;
  token: string;
  jobId: string;
  /** Job fields to ask for besides `status`. */
  selection?: string;
  /** A hang becomes a readable failure after this long. Default 60 s. */
  deadlineMs?: number;
  /** Called with every event as it arrives (e.g. to read the balance on SUCCEEDED). */
  onEvent?: (event: E) => void | Promise<void>;
}

/**
 * Every event of `subscription { jobProgress(id) }` until the job ends (succeeded, failed or
 * cancelled): the current state first, then each change in order.
 */
export function followJob<E extends { status: string } = any>(options: FollowJobOptions<E>): Promise<E[]> {
  const { url, token, jobId, selection = '', deadlineMs = 60_000, onEvent } = options;
  const client: Client = createClient({
    url: `${url.replace(/^http/, 'ws').replace(/\/graphql$/, '')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: E[] = [];
  let timer: NodeJS.Timeout | undefined;
  let handled = Promise.resolve();
  return new Promise<E[]>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`job ${jobId} did not end within ${deadlineMs} ms; events: ${JSON.stringify(events)}`)),
      deadlineMs,
    );
    client.subscribe<{ jobProgress: E }>(
      { query: `subscription($id: ID!) { jobProgress(id: $id) { status ${selection} } }`, variables: { id: jobId } },
      {
        next: (result: FormattedExecutionResult<{ jobProgress: E }>) => {
          if (result.errors?.length) return reject(new Error(JSON.stringify(result.errors)));
          if (!result.data) return;
          const event = result.data.jobProgress;
          events.push(event);
          if (onEvent) handled = handled.then(() => onEvent(event)).catch(reject);
        },
        error: reject,
        complete: () => handled.then(() => resolve(events), reject),
      },
    );
  }).finally(() => {
    clearTimeout(timer);
    return client.dispose();
  });
}

/** The job's last event, once its progress stream ends. */
export async function waitForJob<E extends { status: string } = any>(options: FollowJobOptions<E>): Promise<E> {
  const last = (await followJob<E>(options)).at(-1);
  if (!last) throw new Error('the job stream ended without an event');
  return last;
}

/** Holds a test job at named steps until the test opens them; an aborted job stops waiting. */
export class Gates {
  private readonly opened = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();

  wait(name: string, signal?: AbortSignal): Promise<void> {
    if (this.opened.has(name)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), resolve]);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  open(name: string): void {
    this.opened.add(name);
    for (const resolve of this.waiting.get(name) ?? []) resolve();
    this.waiting.delete(name);
  }
}
