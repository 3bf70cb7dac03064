// The writer at volume, on the production build: 50 tasks → 50 drafts through one
// `writer.generate-content` job on the offline provider (every article checked against the rules,
// repaired, sanitised, flagged against the site's other articles and saved with its revision), as
// `npm start` runs it (gateway/dist/all-in-one.js, PGlite or DATABASE_URL). Reports the wall time,
// articles per minute, the share of the time the job waited in the queue vs ran, and the
// platform's peak memory (VmHWM).
//
// Then the same articles' image prompts (`writer.generate-image-prompts`: a featured and 2
// in-article prompts each) and their 3 images each (`writer.generate-images`: offline PNGs, stored
// once per hash, placed after their H2s). Goal (issue 10): all of it in ≤ 2 minutes on 2 cores with
// the default workers.
//
//   node --import tsx bench/writer.ts       (npm run bench builds first)
//
// Knobs (env): BENCH_WRITER_TASKS (50), BENCH_WRITER_WORDS (1000 target words per article),
// DATABASE_URL (PostgreSQL instead of a throwaway PGlite directory).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addResults, fmt } from './results.js';

const ENV = process.env;
const TASKS = Number(ENV.BENCH_WRITER_TASKS ?? 50);
const WORDS = Number(ENV.BENCH_WRITER_WORDS ?? 1000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(root, 'gateway/dist/all-in-one.js');
const DEMO = { email: 'demo@igny8.local', password: 'demo-password-1' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The platform process's peak resident memory so far (Linux /proc), in MB. */
function peakMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

async function main() {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first (npm run bench does).`);
  const port = await freePort();
  const dataDir = ENV.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'igny8-bench-writer-'));
  const child: ChildProcess = spawn(process.execPath, [ENTRY], {
    cwd: root,
    env: {
      PATH: ENV.PATH,
      HOME: ENV.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIST: '',
      GRAPHQL_RATE_LIMIT_PER_ACCOUNT: '1000000000',
      GRAPHQL_RATE_LIMIT_PER_IP: '1000000000',
      ...(ENV.DATABASE_URL ? { DATABASE_URL: ENV.DATABASE_URL } : { DATA_DIR: dataDir }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`the platform exited with code ${child.exitCode}`);
      try {
        if ((await fetch(`${base}/api/v1/system/ping/`)).ok) break;
      } catch {
        // not listening yet
      }
      if (tries > 300) throw new Error('the platform did not start within 90 s');
      await sleep(300);
    }
    const login = (await (
      await fetch(`${base}/api/v1/auth/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(DEMO),
      })
    ).json()) as { data: { access: string } };
    const token = login.data.access;
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: any; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { createSite } = await gql(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id sectors { id } } }`,
      { input: { name: `Bench Writer ${Date.now().toString(36)}`, sectors: ['Gardening'] } },
    );
    const place = { siteId: createSite.id, sectorId: createSite.sectors[0].id };
    const topics = ['tomatoes', 'basil', 'roses', 'lawns', 'orchids', 'compost', 'herbs', 'peppers', 'ferns', 'tulips'];
    const angles = ['how to grow', 'when to prune', 'best soil for', 'watering', 'pests of'];
    const taskIds: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const keyword = `${angles[i % angles.length]} ${topics[Math.floor(i / angles.length) % topics.length]}`;
      const { createTask } = await gql(`mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { ...place, title: keyword, primaryKeyword: keyword, wordCountTarget: WORDS },
      });
      taskIds.push(createTask.id);
    }
    console.log(
      `bench: ${TASKS} tasks → ${TASKS} drafts of ${fmt(WORDS)} words, one writer.generate-content job, offline provider, database ${ENV.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
    );
    type JobTimes = { status: string; error: string | null; createdAt: string; startedAt: string; finishedAt: string };
    /** Starts a job with `mutation`, waits for its end; answers its timestamps. */
    const runJob = async (mutation: string, field: string, input: Record<string, unknown>): Promise<JobTimes> => {
      const started = await gql(mutation, { input });
      const id = started[field].id as string;
      for (;;) {
        const { job } = (await gql(`query($id: ID!) { job(id: $id) { status error createdAt startedAt finishedAt } }`, {
          id,
        })) as { job: JobTimes };
        if (!['QUEUED', 'RUNNING'].includes(job.status)) {
          if (job.status !== 'SUCCEEDED') throw new Error(`${field} ended ${job.status}: ${job.error}`);
          return job;
        }
        await sleep(250);
      }
    };
    const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
    const started = performance.now();
    const drafts = await runJob(
      `mutation($input: GenerateContentInput!) { generateContent(input: $input) { id } }`,
      'generateContent',
      { taskIds },
    );
    const draftSeconds = (performance.now() - started) / 1000;
    const { contents } = await gql(
      `query($f: ContentFilter) { contents(filter: $f, first: 100) { totalCount edges { node { id } } } }`,
      {
        f: { siteId: place.siteId },
      },
    );
    const contentIds = contents.edges.map((e: { node: { id: string } }) => e.node.id);
    const prompts = await runJob(
      `mutation($input: GenerateImagePromptsInput!) { generateImagePrompts(input: $input) { id } }`,
      'generateImagePrompts',
      { contentIds },
    );
    const images = await runJob(
      `mutation($input: GenerateImagesInput!) { generateImages(input: $input) { id } }`,
      'generateImages',
      { contentIds },
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const { images: rendered } = await gql(`query($f: ImageFilter) { images(filter: $f) { totalCount } }`, {
      f: { siteId: place.siteId, status: ['GENERATED'] },
    });
    const jobs = [drafts, prompts, images];
    const queued = jobs.reduce((sum, job) => sum + seconds(job.createdAt, job.startedAt), 0);
    const ran = jobs.reduce((sum, job) => sum + seconds(job.startedAt, job.finishedAt), 0);
    const peak = peakMb(child.pid!);
    const result = {
      tasks: TASKS,
      drafts: contents.totalCount,
      images: rendered.totalCount,
      wordsPerArticle: WORDS,
      draftSeconds: Number(draftSeconds.toFixed(1)),
      promptSeconds: Number(seconds(prompts.startedAt, prompts.finishedAt).toFixed(1)),
      imageSeconds: Number(seconds(images.startedAt, images.finishedAt).toFixed(1)),
      wallSeconds: Number(wallSeconds.toFixed(1)),
      articlesPerMinute: Number(((contents.totalCount / wallSeconds) * 60).toFixed(1)),
      queueShare: Number((queued / (queued + ran)).toFixed(3)),
      handlerShare: Number((ran / (queued + ran)).toFixed(3)),
      peakMemoryMb: peak === null ? null : Math.round(peak),
      goalSeconds: 120,
    };
    console.log(
      `  ${result.drafts} drafts in ${fmt(draftSeconds, 1)} s, their prompts in ${fmt(result.promptSeconds, 1)} s, ${result.images} images in ${fmt(result.imageSeconds, 1)} s\n` +
        `  all in ${fmt(wallSeconds, 1)} s (${fmt(result.articlesPerMinute, 1)} finished articles/min; goal ≤ 120 s)\n` +
        `  in the queue ${fmt(queued, 1)} s (${fmt(result.queueShare * 100, 1)} %), in the handlers ${fmt(ran, 1)} s (${fmt(result.handlerShare * 100, 1)} %)\n` +
        `  platform peak memory ${peak === null ? 'n/a' : `${fmt(peak)} MB`}\n`,
    );
    addResults('writer', result);
  } finally {
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
