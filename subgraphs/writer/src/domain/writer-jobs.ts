// Starting the writer's jobs: the request is checked here (module, tasks, their state), so a
// person hears about a mistake before any credits are held.
import { BadUserInputError, type Caller, type JobRecord, NotFoundError } from '@igny8/lib';
import * as tasksStore from '../store/tasks.js';
import { inWriter, writerWorkspace } from './access.js';
import { creditsForTask, GENERATE_CONTENT_JOB, MAX_TASKS_PER_JOB } from './content-generation.js';
import type { WriterServices } from './services.js';

/** What writing these tasks would cost, for the dialog to say before anything is held. */
export interface GenerationEstimate {
  tasks: number;
  words: number;
  credits: number;
}

async function writableTasks(s: WriterServices, caller: Caller, taskIds: readonly string[]) {
  const ids = [...new Set(taskIds)];
  if (ids.length > MAX_TASKS_PER_JOB) {
    throw BadUserInputError.field('taskIds', `must name at most ${MAX_TASKS_PER_JOB} tasks per job`);
  }
  return inWriter(s, caller, async (tx) => {
    const rows = await tasksStore.findTasksByIds(tx, caller.accountId, ids);
    const missing = ids.find((id) => !rows.some((row) => row.id === id));
    if (missing) throw new NotFoundError('Task', missing);
    const busy = rows.find((row) => row.status === 'in_progress');
    if (busy) throw BadUserInputError.field('taskIds', `“${busy.title}” is being written right now`);
    const done = rows.find((row) => row.status === 'completed' && row.contentId);
    if (done) {
      throw BadUserInputError.field(
        'taskIds',
        `“${done.title}” already has its article: edit that one, or set the task back to QUEUED to write a new one`,
      );
    }
    return ids.map((id) => rows.find((row) => row.id === id)!);
  });
}

export async function estimateGeneration(
  s: WriterServices,
  caller: Caller,
  taskIds: readonly string[],
): Promise<GenerationEstimate> {
  const tasks = await writableTasks(s, caller, taskIds);
  return {
    tasks: tasks.length,
    words: tasks.reduce((sum, task) => sum + task.wordCountTarget, 0),
    credits: tasks.reduce((sum, task) => sum + creditsForTask(task), 0),
  };
}

/** Starts writing articles for tasks: their price (1 credit per 100 target words) is held now. */
export async function startGeneration(
  s: WriterServices,
  caller: Caller,
  taskIds: readonly string[],
): Promise<JobRecord> {
  const tasks = await writableTasks(s, caller, taskIds);
  const sites = new Set(tasks.map((task) => task.siteId));
  const workspace = sites.size === 1 ? await writerWorkspace(s, caller, { siteId: tasks[0]!.siteId }) : null;
  return s.jobs.enqueue(
    caller,
    GENERATE_CONTENT_JOB,
    {
      taskIds: tasks.map((task) => task.id),
      units: Object.fromEntries(tasks.map((task) => [task.id, creditsForTask(task)])),
      placeName: workspace?.site?.name ?? `${sites.size} sites`,
    },
    { requestId: caller.requestId },
  );
}
