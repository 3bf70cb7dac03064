// Live job changes for the whole signed-in app: one `jobUpdates` subscription, mounted by the
// layout. A job's progress merges into the Apollo cache by its id on its own; a change of status
// (queued, started, finished) also moves credits — reserved when queued, captured or given back
// when it ends, always before the status is published — so it tells whoever shows jobs or credits
// to read them again.
import { useSubscription } from '@apollo/client/react';
import { useEffect, useEffectEvent, useRef } from 'react';
import { onSubscriptionsReconnected } from '../auth/apollo';
import { type JobStatus, JobUpdatesDocument } from '../gql/graphql';

/** Jobs whose last status is remembered; past that the memory starts over (one extra read). */
const REMEMBERED_JOBS = 500;
/** Changes closer together than this are answered with one read (a quick job queues, runs and ends). */
const SETTLE_MS = 150;

const listeners = new Set<() => void>();
let pending: ReturnType<typeof setTimeout> | undefined;

function announceChange() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    for (const listener of listeners) listener();
  }, SETTLE_MS);
}

/** Subscribes to the account's job changes; call it once, in the signed-in layout. */
export function useJobUpdates(): void {
  const statuses = useRef(new Map<string, JobStatus>());
  useSubscription(JobUpdatesDocument, {
    ignoreResults: true,
    onData: ({ data }) => {
      const job = data.data?.jobUpdates;
      if (!job || statuses.current.get(job.id) === job.status) return;
      if (statuses.current.size >= REMEMBERED_JOBS) statuses.current.clear();
      statuses.current.set(job.id, job.status);
      announceChange();
    },
  });
  // Changes made while the socket was down were not sent: read everything live again.
  useEffect(() => onSubscriptionsReconnected(announceChange), []);
}

/** Runs `onChange` after a job of the account changed status (and after a reconnection). */
export function useOnJobsChanged(onChange: () => void): void {
  const handle = useEffectEvent(onChange);
  useEffect(() => {
    const listener = () => handle();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
