// `jobProgress(id)` and `jobUpdates`: job events from PostgreSQL LISTEN/NOTIFY (one listener per
// gateway, fanned out in-process), checked against the caller's account. A subscriber first
// gets the job's current state (NOTIFY has no replay), then every change in order; the stream
// ends after a terminal status. When the client selects only fields the event carries, events
// are answered from the event alone; otherwise (e.g. `createdBy { email }`, resolved by the
// system subgraph) each event is answered by running the client's selection through the
// federated graph, with the client's credential, and the event's own fields laid over the answer
// (the graph has the job as it is now, which may be a few changes later).
import { type JobEvent, type JobEventSource, jobLabel, NotFoundError, UnauthenticatedError } from '@igny8/lib';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  print,
  type SelectionSetNode,
  visit,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import type { Graph } from '../graph.js';
import type { SubscriptionFields } from '../ws.js';

/** Job fields an event carries (as the automation subgraph's `Job` names them). */
const EVENT_FIELDS = new Set([
  '__typename',
  'id',
  'kind',
  'title',
  'label',
  'status',
  'progress',
  'step',
  'message',
  'error',
  'inputSummary',
  'resultSummary',
  'creditsReserved',
  'creditsCharged',
  'createdAt',
  'startedAt',
  'finishedAt',
  'updatedAt',
]);
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const STATUS_ALIAS = 'jobSubscriptionStatus';
const UPDATED_ALIAS = 'jobSubscriptionUpdatedAt';

type GraphJob = Record<string, unknown> & { id: string; status: string; updatedAt?: string | null };

/** The event in the graph's shape: enum values upper-case, timestamps as ISO strings. */
export function graphJobOf(event: JobEvent): GraphJob {
  const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);
  return {
    __typename: 'Job',
    id: event.id,
    kind: event.kind,
    title: event.title,
    label: jobLabel(event),
    status: event.status.toUpperCase(),
    progress: event.progress,
    step: event.step,
    message: event.message,
    error: event.error ?? null,
    inputSummary: event.inputSummary,
    resultSummary: event.resultSummary ?? null,
    creditsReserved: event.creditsReserved,
    creditsCharged: event.creditsCharged,
    createdAt: iso(event.createdAt),
    startedAt: iso(event.startedAt),
    finishedAt: iso(event.finishedAt),
    updatedAt: iso(event.updatedAt),
  };
}

/** Fragments a selection uses, and whether it asks only for fields the event carries. */
function analyseSelection(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let coveredByEvent = true;
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) coveredByEvent = false;
      if (selection.kind === Kind.FIELD) {
        // Aliased answers come from the graph, keyed as the client named them.
        if (!EVENT_FIELDS.has(selection.name.value) || selection.selectionSet || selection.alias) {
          coveredByEvent = false;
        }
        // Fragments spread inside a field's own selection travel with the query too.
        if (selection.selectionSet) walk(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && !fragments.has(fragment.name.value)) {
          fragments.set(fragment.name.value, fragment);
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(selectionSet);
  return { fragments: [...fragments.values()], coveredByEvent };
}

/** `query { job(id) { <the client's selection> } }`, with the variables and fragments it uses. */
function jobQueryFor(field: FieldNode, fragments: FragmentDefinitionNode[], info: GraphQLResolveInfo) {
  const used = new Set<string>();
  const collect = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (variable) => {
        used.add(variable.name.value);
      },
    });
  if (field.selectionSet) collect(field.selectionSet);
  for (const fragment of fragments) collect(fragment);
  const definitions = (info.operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  const variableList = ['$jobSubscriptionJobId: ID!', ...definitions.map((d) => print(d))].join(', ');
  // The status and time of the state ride along under their own aliases: the stream must know
  // when the job is over and which events the state already shows, even when the client did not
  // select them (the executor passes on only what the client selected).
  const inner = field.selectionSet ? `... ${print(field.selectionSet)}` : '';
  const selection = `{ ${STATUS_ALIAS}: status ${UPDATED_ALIAS}: updatedAt ${inner} }`;
  const query = [
    `query JobSubscriptionEvent(${variableList}) { job(id: $jobSubscriptionJobId) ${selection} }`,
    ...fragments.map((f) => print(f)),
  ].join('\n');
  const variables: Record<string, unknown> = {};
  for (const name of used) variables[name] = info.variableValues[name];
  return { query, variables };
}

interface Reader {
  /** The job as the client selected it, or null when the caller's account has no such job. */
  read(jobId: string, context: GatewayContext): Promise<Record<string, unknown> | null>;
  /** The event as the client selected it (from the event alone when it carries every field). */
  shape(event: JobEvent, context: GatewayContext): Promise<Record<string, unknown> | null>;
}

function readerFor(graph: Graph, info: GraphQLResolveInfo): Reader {
  const field = info.fieldNodes[0]!;
  const { fragments, coveredByEvent } = analyseSelection(field.selectionSet, info);
  const { query, variables } = jobQueryFor(field, fragments, info);
  const read: Reader['read'] = async (jobId, context) => {
    const response = await graph.server.executeOperation(
      { query, variables: { ...variables, jobSubscriptionJobId: jobId } },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') return null;
    const { data, errors } = response.body.singleResult;
    const first = errors?.[0];
    if (first) {
      if (first.extensions?.code === 'NOT_FOUND') return null;
      throw Object.assign(new Error(first.message), { extensions: first.extensions });
    }
    return (data?.job as Record<string, unknown> | null) ?? null;
  };
  return {
    read,
    async shape(event, context) {
      const payload = graphJobOf(event);
      if (coveredByEvent) return payload;
      const job = await read(event.id, context);
      if (!job) return null;
      // The graph answers with the job as it is now, possibly some changes later: the fields the
      // event carries describe this change, so they win, and only the rest comes from the graph.
      for (const key of Object.keys(job)) {
        if (EVENT_FIELDS.has(key) && key in payload) job[key] = payload[key];
      }
      return job;
    },
  };
}

const accountOf = (context: GatewayContext): string => {
  const accountId = context.credential?.principal.accountId;
  if (!accountId) throw new UnauthenticatedError();
  return accountId;
};

/** Milliseconds of an ISO timestamp (events carry microseconds, the graph milliseconds). */
const msOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

const RESUMED = Symbol('resumed');

/**
 * A job event stream that also says when this process LISTENs again after its connection dropped
 * (events in between were lost): `next()` answers the next event, or RESUMED first.
 */
function withResumes(events: JobEventSource, stream: AsyncIterator<JobEvent>) {
  let wake: ((value: typeof RESUMED) => void) | null = null;
  let missed = false;
  const stop = events.onResume(() => {
    if (wake) wake(RESUMED);
    else missed = true;
  });
  let pending = stream.next();
  return {
    async next(): Promise<IteratorResult<JobEvent> | typeof RESUMED> {
      if (missed) {
        missed = false;
        return RESUMED;
      }
      const result = await new Promise<IteratorResult<JobEvent> | typeof RESUMED>((resolve) => {
        wake = resolve;
        pending.then(resolve, () => resolve({ done: true, value: undefined }));
      });
      wake = null;
      if (result !== RESUMED) pending = stream.next();
      return result;
    },
    async return() {
      stop();
      await stream.return?.();
    },
  };
}

async function* jobProgress(
  events: JobEventSource,
  reader: Reader,
  jobId: string,
  context: GatewayContext,
): AsyncGenerator<{ jobProgress: Record<string, unknown> }> {
  const accountId = accountOf(context);
  // Listen before reading the current state, so no change falls between the two.
  const stream = withResumes(events, events.forJob(accountId, jobId)[Symbol.asyncIterator]());
  try {
    await events.ready();
    const current = await reader.read(jobId, context);
    if (!current) throw new NotFoundError('Job', jobId);
    yield { jobProgress: current };
    if (TERMINAL.has(String(current[STATUS_ALIAS]))) return;
    /** The time of the newest state this stream showed: older changes are not shown again. */
    let shown = msOf(current[UPDATED_ALIAS]);
    for (;;) {
      const next = await stream.next();
      if (next === RESUMED) {
        // The LISTEN dropped and is back: changes in between were lost, so the job as it is now.
        const now = await reader.read(jobId, context);
        if (!now) return;
        const at = msOf(now[UPDATED_ALIAS]);
        if (!(at <= shown)) {
          shown = at;
          yield { jobProgress: now };
        }
        if (TERMINAL.has(String(now[STATUS_ALIAS]))) return;
        continue;
      }
      if (next.done) return;
      const event = next.value;
      const at = msOf(graphJobOf(event).updatedAt);
      if (at < shown) continue;
      shown = at;
      const shaped = await reader.shape(event, context);
      if (shaped) yield { jobProgress: shaped };
      if (TERMINAL.has(event.status.toUpperCase())) return;
    }
  } finally {
    await stream.return();
  }
}

async function* jobUpdates(
  events: JobEventSource,
  reader: Reader,
  context: GatewayContext,
): AsyncGenerator<{ jobUpdates: Record<string, unknown> }> {
  const accountId = accountOf(context);
  const stream = withResumes(events, events.forAccount(accountId));
  /** The account's jobs this stream last showed unfinished, and when: a resume reads them again. */
  const unfinished = new Map<string, number>();
  try {
    for (;;) {
      const next = await stream.next();
      if (next === RESUMED) {
        // The LISTEN dropped and is back: each job still running here is read as it is now.
        for (const [jobId, shownAt] of [...unfinished]) {
          const now = await reader.read(jobId, context);
          const at = msOf(now?.[UPDATED_ALIAS]);
          if (!now || TERMINAL.has(String(now[STATUS_ALIAS]))) unfinished.delete(jobId);
          else unfinished.set(jobId, at);
          if (now && at > shownAt) yield { jobUpdates: now };
        }
        continue;
      }
      if (next.done) return;
      const event = next.value;
      if (TERMINAL.has(event.status.toUpperCase())) unfinished.delete(event.id);
      else unfinished.set(event.id, msOf(graphJobOf(event).updatedAt));
      const shaped = await reader.shape(event, context);
      if (shaped) yield { jobUpdates: shaped };
    }
  } finally {
    await stream.return();
  }
}

/** The Subscription fields of jobs, for the gateway's graphql-ws server. */
export function jobSubscriptionFields(events: JobEventSource, graph: Graph): SubscriptionFields {
  return {
    jobProgress: {
      subscribe: (args, context, info) => {
        const jobId = String(args.id ?? '');
        return jobProgress(events, readerFor(graph, info), jobId, context);
      },
    },
    jobUpdates: {
      subscribe: (_args, context, info) => jobUpdates(events, readerFor(graph, info), context),
    },
  };
}
