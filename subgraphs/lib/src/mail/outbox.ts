// Where mail goes when no SMTP server is configured: one JSON file per mail under DATA_DIR/outbox,
// both parts included, so the embedded default works and developers can read what was "sent".
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderedMail } from './template.js';

export interface OutboxMail extends RenderedMail {
  id: string;
  from: string;
  to: string;
  createdAt: string;
}

export interface MailOutbox {
  readonly dir: string;
  /** Writes the mail; returns its file. */
  put(mail: OutboxMail): Promise<string>;
  /** The newest mails first. */
  list(limit: number): Promise<OutboxMail[]>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function createMailOutbox(dir: string): MailOutbox {
  // File names sort by time, then by order of sending within one millisecond, so the newest are
  // found without reading every file.
  let sequence = 0;
  const fileName = (mail: OutboxMail) =>
    `${pad(Date.parse(mail.createdAt), 15)}-${pad(sequence++ % 1_000_000, 6)}-${mail.id}.json`;
  return {
    dir,
    async put(mail) {
      await mkdir(dir, { recursive: true });
      const file = join(dir, fileName(mail));
      await writeFile(file, `${JSON.stringify(mail, null, 2)}\n`, { mode: 0o600 });
      return file;
    },
    async list(limit) {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      const newest = names
        .filter((name) => name.endsWith('.json'))
        .sort()
        .reverse()
        .slice(0, limit);
      return Promise.all(newest.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as OutboxMail));
    },
  };
}
