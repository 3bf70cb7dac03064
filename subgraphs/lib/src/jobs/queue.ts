// The queue engine: pg-boss on PostgreSQL (its own `pg` pool from the connection string) or on the
// embedded PGlite (through a small `executeSql` adapter), so one engine runs everywhere.
import { createRequire } from 'node:module';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '@igny8/db';
import PgBoss from 'pg-boss';

/**
 * pg-boss 10 marks a job completed or failed after its handler without waiting for the answer
 * (`manager.js`, `onFetch`): when the database is away just then, that rejection has no handler, and
 * Node ends the process on an unhandled rejection. Here such a failure is reported as the queue's
 * `error` event instead (logged by the runtime); the job stays active in pg-boss, and the runtime's
 * job record (not pg-boss's state) decides what its retry does, so nothing runs or is charged twice.
 */
function reportUnsettledCompletions(): void {
  const Manager = createRequire(import.meta.url)('pg-boss/src/manager.js') as {
    prototype: Record<string, unknown> & { emit(event: string, error: unknown): void };
  };
  for (const name of ['complete', 'fail'] as const) {
    const original = Manager.prototype[name] as (...args: unknown[]) => Promise<unknown>;
    if ((original as { reported?: boolean }).reported) continue;
    const reported = function (this: typeof Manager.prototype, ...args: unknown[]) {
      const answer = original.apply(this, args);
      // A handler on the promise itself: callers that await it still get the rejection.
      answer.catch((error: unknown) => this.emit('error', error));
      return answer;
    };
    Manager.prototype[name] = Object.assign(reported, { reported: true });
  }
}
reportUnsettledCompletions();

export interface QueueEngineOptions {
  /** The PostgreSQL connection string when `database` is PostgreSQL. */
  url?: string | undefined;
  schema: string;
  maintenanceIntervalSeconds: number;
  /** Connections in pg-boss's own pool (PostgreSQL). */
  poolSize: number;
}

export interface QueueEngine {
  boss: PgBoss;
  /** Waits for the queue statements still on their way to PGlite (pg-boss does not await some). */
  drain(): Promise<void>;
}

// node-postgres sends a plain object as JSON; PGlite needs it as text for json/jsonb parameters.
const toParameter = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
    ? JSON.stringify(value)
    : value;

/** pg-boss's `db` contract on PGlite: `exec` for its parameterless multi-statement scripts. */
function pgliteAdapter(pglite: PGlite) {
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  };
  return {
    db: {
      executeSql(text: string, values?: unknown[]) {
        if (!values || values.length === 0) {
          return track(pglite.exec(text).then((results) => results.at(-1) ?? { rows: [] }));
        }
        return track(pglite.query(text, values.map(toParameter)));
      },
    },
    drain: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

export function createQueueEngine(database: Database, options: QueueEngineOptions): QueueEngine {
  const common = {
    schema: options.schema,
    // No cron schedules here: the automation subgraph schedules its own runs.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
  };
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('createJobRuntime: the PGlite database has no PGlite instance');
    const adapter = pgliteAdapter(database.pglite);
    return { boss: new PgBoss({ ...common, db: adapter.db }), drain: adapter.drain };
  }
  // pg-boss opens its own pool to the same database.
  const url = options.url ?? database.url;
  if (!url) throw new Error('createJobRuntime: the PostgreSQL database has no connection string');
  return {
    boss: new PgBoss({ ...common, connectionString: url, max: options.poolSize }),
    drain: async () => {},
  };
}
