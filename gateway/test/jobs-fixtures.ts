// Following a job the way the web app does: `subscription { jobProgress(id) }` over graphql-ws.
import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { Platform } from './harness.js';

/**
 * Every event of a job's progress stream, until it ends (the job succeeded, failed or was
 * cancelled). `selection` is the Job fields to ask for besides `status`.
 */
export function followJob<E extends { status: string } = any>(
  p: Platform,
  token: string,
  jobId: string,
  selection = '',
): Promise<E[]> {
  const client: Client = createClient({
    url: `${p.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: E[] = [];
  return new Promise<E[]>((resolve, reject) => {
    client.subscribe<{ jobProgress: E }>(
      { query: `subscription($id: ID!) { jobProgress(id: $id) { status ${selection} } }`, variables: { id: jobId } },
      {
        next: (result: FormattedExecutionResult<{ jobProgress: E }>) => {
          if (result.errors?.length) reject(new Error(JSON.stringify(result.errors)));
          else if (result.data) events.push(result.data.jobProgress);
        },
        error: reject,
        complete: () => resolve(events),
      },
    );
  }).finally(() => client.dispose());
}

/** The job's last event, once its progress stream ends. */
export async function waitForJob<E extends { status: string } = any>(
  p: Platform,
  token: string,
  jobId: string,
  selection = '',
): Promise<E> {
  const events = await followJob<E>(p, token, jobId, selection);
  const last = events.at(-1);
  if (!last) throw new Error('the job stream ended without an event');
  return last;
}
