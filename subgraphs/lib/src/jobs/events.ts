// Live job progress: every change to a job row is published with pg_notify in the transaction that
// makes it (delivered on commit, in commit order), and each process LISTENs once and fans the
// events out to its subscribers in memory.
import type { Database } from '@igny8/db';
import type { JobStatus } from '@igny8/db/jobs';
import type { JobRecord } from './store.js';

export const JOB_EVENTS_CHANNEL = 'igny8_jobs';

/** What a client is shown about a job: the row without its input and result documents. */
export interface JobEvent {
  id: string;
  accountId: string;
  kind: string;
  title: string;
  status: JobStatus;
  progress: number;
  step: string;
  message: string;
  error: string | null;
  inputSummary: string;
  resultSummary: string | null;
  creditsReserved: number;
  creditsCharged: number;
  attempts: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

// NOTIFY refuses payloads of 8000 bytes or more. The fixed fields take about 700 bytes and the
// title at most 200; the four texts share the rest.
const TEXT_BYTES = 1500;
/** A title is a few words ("Auto-cluster"); this bounds one all the same. */
const TITLE_BYTES = 200;

function cut(text: string, bytes = TEXT_BYTES): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let end = Math.min(text.length, bytes);
  while (Buffer.byteLength(text.slice(0, end)) > bytes - 3) end--;
  // Do not split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function toJobEvent(row: JobRecord): JobEvent {
  return {
    id: row.id,
    accountId: row.accountId,
    kind: row.kind,
    title: row.title,
    status: row.status,
    progress: row.progress,
    step: row.step,
    message: row.message,
    error: row.error,
    inputSummary: row.inputSummary,
    resultSummary: row.resultSummary,
    creditsReserved: row.creditsReserved,
    creditsCharged: row.creditsCharged,
    attempts: row.attempts,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** The NOTIFY payload for a row: JSON, always under 8000 bytes. */
export function jobEventPayload(row: JobRecord): string {
  const event = toJobEvent(row);
  return JSON.stringify({
    ...event,
    title: cut(event.title, TITLE_BYTES),
    message: cut(event.message),
    error: event.error === null ? null : cut(event.error),
    inputSummary: cut(event.inputSummary),
    resultSummary: event.resultSummary === null ? null : cut(event.resultSummary),
  });
}

const toDate = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);

function parseJobEvent(payload: string): JobEvent | null {
  try {
    const raw = JSON.parse(payload) as Omit<JobEvent, 'createdAt' | 'updatedAt' | 'startedAt' | 'finishedAt'> &
      Record<'createdAt' | 'updatedAt' | 'startedAt' | 'finishedAt', string | null>;
    if (typeof raw.id !== 'string' || typeof raw.accountId !== 'string') return null;
    return {
      ...raw,
      createdAt: toDate(raw.createdAt)!,
      updatedAt: toDate(raw.updatedAt)!,
      startedAt: toDate(raw.startedAt),
      finishedAt: toDate(raw.finishedAt),
    };
  } catch {
    return null;
  }
}

/**
 * Whether `event` is a change the state `current` already includes: NOTIFY can arrive after a
 * read that saw its change. Timestamps have milliseconds only, so at the same millisecond an
 * event counts as old only when it shows that very state.
 */
function isOlder(event: JobEvent, current: JobEvent): boolean {
  const [a, b] = [event.updatedAt.getTime(), current.updatedAt.getTime()];
  if (a !== b) return a < b;
  return (
    event.status === current.status &&
    event.progress === current.progress &&
    event.step === current.step &&
    event.message === current.message &&
    event.attempts === current.attempts &&
    event.creditsCharged === current.creditsCharged
  );
}

export type JobEventHandler = (event: JobEvent) => void;

export interface JobEventSource {
  /**
   * Resolves once this process is LISTENing. NOTIFY has no replay: read a job's current state
   * after this, and subscribe before reading it, so no change falls in between.
   */
  ready(): Promise<void>;
  /** Every job event of every account, in commit order. Returns the unsubscribe function. */
  subscribe(handler: JobEventHandler): () => void;
  /**
   * One account's events, buffered from this call on; ends when the consumer returns (or breaks
   * out of `for await`) or the source closes.
   */
  forAccount(accountId: string): AsyncIterableIterator<JobEvent>;
  /** One job's events, in order, buffered from this call on. */
  forJob(accountId: string, jobId: string): AsyncIterableIterator<JobEvent>;
  /**
   * What `subscription jobProgress(id)` serves: the job's current state from `load` (read after
   * this process is listening), then its changes, skipping any committed before that state. Ends
   * at once when `load` finds no job.
   */
  followJob(accountId: string, jobId: string, load: () => Promise<JobEvent | null>): AsyncIterableIterator<JobEvent>;
  /**
   * `handler` is called each time this process LISTENs again after its connection to the database
   * dropped (a restart, a network cut). What was published in between is lost: whoever follows a
   * job reads its current state again then. Returns the function that stops the calls.
   */
  onResume(handler: () => void): () => void;
  /** Stops listening and ends every open stream. */
  close(): Promise<void>;
}

// A slow consumer keeps at most this many events; each is a full state, so the newest suffice.
const STREAM_BUFFER = 1000;

class JobEventStream implements AsyncIterableIterator<JobEvent> {
  private readonly buffer: JobEvent[] = [];
  private waiting: ((result: IteratorResult<JobEvent>) => void) | null = null;
  private ended = false;

  constructor(private readonly detach: (stream: JobEventStream) => void) {}

  push(event: JobEvent): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.buffer.length >= STREAM_BUFFER) this.buffer.shift();
    this.buffer.push(event);
  }

  next(): Promise<IteratorResult<JobEvent>> {
    const event = this.buffer.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.buffer.length = 0;
    this.detach(this);
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  return(): Promise<IteratorResult<JobEvent>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<JobEvent> {
    return this;
  }
}

/** Adds `item` to the set under `key`; returns the function that removes it again. */
function addTo<T>(index: Map<string, Set<T>>, key: string, item: T): () => void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(item);
  return () => {
    const current = index.get(key);
    if (!current) return;
    current.delete(item);
    if (current.size === 0) index.delete(key);
  };
}

/**
 * The process's job events: one LISTEN (PGlite's `listen` embedded, postgres.js `listen` on
 * PostgreSQL, which reconnects by itself) shared by every subscriber. Subscribers are indexed by
 * job and account, so an event costs one JSON parse plus its own subscribers.
 */
export function createJobEventSource(
  database: Database,
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void },
) {
  const everything = new Set<JobEventHandler>();
  const byAccount = new Map<string, Set<JobEventHandler>>();
  const byJob = new Map<string, Set<JobEventHandler>>();
  const streams = new Set<JobEventStream>();
  let listening: Promise<() => Promise<void>> | null = null;
  let closed = false;
  const resumeHandlers = new Set<() => void>();
  let listens = 0;
  // postgres.js calls this on every LISTEN it makes: the first, and each after a reconnect.
  const onListen = () => {
    if (listens++ === 0) return;
    log?.warn({ channel: JOB_EVENTS_CHANNEL }, 'listening for job events again after the connection dropped');
    for (const handler of [...resumeHandlers]) {
      try {
        handler();
      } catch (error) {
        log?.error({ err: error }, 'a job event resume handler threw');
      }
    }
  };

  const deliver = (handlers: Set<JobEventHandler> | undefined, event: JobEvent) => {
    if (!handlers) return;
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (error) {
        log?.error({ err: error, jobId: event.id }, 'a job event subscriber threw');
      }
    }
  };

  const onPayload = (payload: string) => {
    const event = parseJobEvent(payload);
    if (!event) return;
    deliver(everything, event);
    deliver(byAccount.get(event.accountId), event);
    deliver(byJob.get(event.id), event);
  };

  const listen = async (): Promise<() => Promise<void>> => {
    if (database.pglite) return database.pglite.listen(JOB_EVENTS_CHANNEL, onPayload);
    if (database.sqlClient) {
      const { unlisten } = await database.sqlClient.listen(JOB_EVENTS_CHANNEL, onPayload, onListen);
      return unlisten;
    }
    throw new Error('createJobEventSource: the database has neither PGlite nor a PostgreSQL client');
  };

  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('The job event source is closed.'));
    // A failed LISTEN is tried again by the next caller (postgres.js re-listens after reconnects itself).
    listening ??= listen().catch((error: unknown) => {
      listening = null;
      throw error;
    });
    return listening.then(() => undefined);
  };

  const stream = (index: Map<string, Set<JobEventHandler>>, key: string, accountId: string) => {
    let remove = () => {};
    const s = new JobEventStream((ended) => {
      remove();
      streams.delete(ended);
    });
    if (closed) {
      s.end();
      return s;
    }
    streams.add(s);
    remove = addTo(index, key, (event) => {
      if (event.accountId === accountId) s.push(event);
    });
    ready().catch((error) => log?.error({ err: error }, 'could not LISTEN for job events'));
    return s;
  };

  const source: JobEventSource = {
    ready,
    subscribe(handler) {
      everything.add(handler);
      ready().catch((error) => log?.error({ err: error }, 'could not LISTEN for job events'));
      return () => everything.delete(handler);
    },
    forAccount: (accountId) => stream(byAccount, accountId, accountId),
    forJob: (accountId, jobId) => stream(byJob, jobId, accountId),
    followJob(accountId, jobId, load) {
      // Subscribed (and buffering) before the state is read, so no change falls in between.
      const changes = stream(byJob, jobId, accountId);
      let current: Promise<JobEvent | null> | null = null;
      const follow: AsyncIterableIterator<JobEvent> = {
        async next() {
          if (!current) {
            current = ready().then(load);
            const state = await current;
            if (!state) return changes.return();
            return { value: state, done: false };
          }
          const state = await current;
          if (!state) return { value: undefined, done: true };
          for (;;) {
            const change = await changes.next();
            if (change.done || !isOlder(change.value, state)) return change;
          }
        },
        return: () => changes.return(),
        [Symbol.asyncIterator]: () => follow,
      };
      return follow;
    },
    onResume(handler) {
      resumeHandlers.add(handler);
      return () => resumeHandlers.delete(handler);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of [...streams]) s.end();
      everything.clear();
      resumeHandlers.clear();
      byAccount.clear();
      byJob.clear();
      if (listening) {
        const unlisten = await listening.catch(() => null);
        await unlisten?.().catch(() => {});
      }
    },
  };
  return source;
}
