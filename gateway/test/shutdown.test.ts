// `npm start`'s process as an operator runs it: started by a parent that reads its output, then
// left with a closed stdout when that parent goes away. SIGTERM must still end it, in bounded time,
// also when the signal is repeated (a supervisor and an impatient operator at once).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** What the issue promises an operator: the process is gone within 10 s of SIGTERM. */
const EXIT_BOUND_MS = 10_000;

const started: { child: ChildProcess; dataDir: string }[] = [];

/** `npm start`'s launcher from source, on PGlite in a fresh DATA_DIR, once it says it is running. */
async function startPlatform(): Promise<ChildProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-shutdown-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/all-in-one.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, dataDir });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk) => {
    errors += chunk;
  });
  await new Promise<void>((ready, failed) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('IGNY8 is running at')) ready();
    });
    child.once('exit', (code) => failed(new Error(`the platform exited (${code}) before it ran:\n${errors}`)));
  });
  return child;
}

/** How the process ended, or 'still running' once the bound has passed. */
function exitWithin(
  child: ChildProcess,
  ms: number,
): Promise<{ code: number | null; signal?: string | null } | 'still running'> {
  if (child.exitCode !== null) return Promise.resolve({ code: child.exitCode });
  return new Promise((done) => {
    const timer = setTimeout(() => done('still running'), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal });
    });
  });
}

afterEach(() => {
  for (const { child, dataDir } of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('shutdown with nobody reading stdout', () => {
  it('stops cleanly on SIGTERM after its stdout pipe was closed', { timeout: 120_000 }, async () => {
    const child = await startPlatform();
    child.stdout!.destroy();
    child.kill('SIGTERM');
    expect(await exitWithin(child, EXIT_BOUND_MS)).toEqual({ code: 0, signal: null });
  });

  it('still exits when the signal is repeated and every log line meets a closed pipe', {
    timeout: 120_000,
  }, async () => {
    const child = await startPlatform();
    child.stdout!.destroy();
    child.kill('SIGTERM');
    // The second signal is logged ("exiting now") into the closed pipe, then exits at once.
    await new Promise((later) => setTimeout(later, 50));
    child.kill('SIGTERM');
    child.kill('SIGINT');
    const ended = await exitWithin(child, EXIT_BOUND_MS);
    expect(ended).not.toBe('still running');
  });
});
