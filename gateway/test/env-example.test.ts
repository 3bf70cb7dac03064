// .env.example documents every variable of every config schema (with its default) and nothing
// else — apart from the variables docker-compose.yml itself interpolates.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { automationConfigSchema } from '@igny8/automation';
import { billingConfigSchema } from '@igny8/billing';
import { baseConfigSchema } from '@igny8/lib';
import { plannerConfigSchema } from '@igny8/planner';
import { systemConfigSchema } from '@igny8/system';
import { writerConfigSchema } from '@igny8/writer';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { gatewayConfigSchema } from '../src/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type ConfigSchema = z.ZodObject<Record<string, z.ZodType>>;
/** In the order of .env.example's groups; a variable several services read sits in the first. */
const SCHEMAS: Record<string, ConfigSchema> = {
  baseConfigSchema: baseConfigSchema as unknown as ConfigSchema,
  systemConfigSchema: systemConfigSchema as unknown as ConfigSchema,
  billingConfigSchema: billingConfigSchema as unknown as ConfigSchema,
  automationConfigSchema: automationConfigSchema as unknown as ConfigSchema,
  plannerConfigSchema: plannerConfigSchema as unknown as ConfigSchema,
  writerConfigSchema: writerConfigSchema as unknown as ConfigSchema,
  gatewayConfigSchema: gatewayConfigSchema as unknown as ConfigSchema,
};

interface Entry {
  key: string;
  value: string;
  /** `# KEY=value`: optional, no default. */
  commented: boolean;
  line: number;
  /** The comment line just above. */
  description: string | undefined;
}

/** `KEY=value` and `# KEY=value` lines; other comment lines are prose. */
function entries(text: string): Entry[] {
  const lines = text.split(/\r?\n/);
  const found: Entry[] = [];
  lines.forEach((line, i) => {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) return;
    const above = lines[i - 1]?.trim();
    found.push({
      key: m[2]!,
      value: m[3]!.replace(/^'(.*)'$|^"(.*)"$/, '$1$2'),
      commented: !!m[1],
      line: i + 1,
      description:
        above?.startsWith('#') && !/^#\s*[A-Z][A-Z0-9_]*=/.test(above) ? above.replace(/^#\s*/, '') : undefined,
    });
  });
  return found;
}

const example = entries(read('.env.example'));
const schemaKeys = new Set(Object.values(SCHEMAS).flatMap((s) => Object.keys(s.shape)));
/** Variables docker-compose.yml fills in from .env (`${NAME}`, `${NAME:-default}`, `${NAME:?error}`). */
const composeVariables = new Set(
  [...read('docker-compose.yml').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!),
);
const fieldOf = (key: string) => Object.values(SCHEMAS).find((s) => key in s.shape)!.shape[key]!;

describe('.env.example', () => {
  it('names every variable of every config schema', () => {
    const named = new Set(example.map((e) => e.key));
    expect([...schemaKeys].filter((key) => !named.has(key))).toEqual([]);
  });

  it('names no unknown variable, and each one once', () => {
    const known = new Set([...schemaKeys, ...composeVariables]);
    expect(example.filter((e) => !known.has(e.key)).map((e) => e.key)).toEqual([]);
    const keys = example.map((e) => e.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('documents every variable docker-compose.yml reads from .env', () => {
    const named = new Set(example.map((e) => e.key));
    expect([...composeVariables].filter((key) => !named.has(key))).toEqual([]);
  });

  it('gives each variable with a default that default, and leaves the optional ones commented out', () => {
    for (const entry of example) {
      if (!schemaKeys.has(entry.key)) continue;
      const field = fieldOf(entry.key);
      const unset = field.safeParse(undefined);
      expect(unset.success, `${entry.key} is required: .env.example cannot leave it out`).toBe(true);
      if (unset.data === undefined) {
        expect(entry.commented, `${entry.key} has no default: comment it out (# ${entry.key}=…)`).toBe(true);
        continue;
      }
      expect(entry.commented, `${entry.key} has a default: write it out`).toBe(false);
      const given = field.safeParse(entry.value);
      expect(given.success, `${entry.key}=${entry.value} is not valid`).toBe(true);
      expect(given.data, `.env.example line ${entry.line}: ${entry.key} defaults to ${String(unset.data)}`).toEqual(
        unset.data,
      );
    }
  });

  it('explains every variable in a comment line above it', () => {
    for (const entry of example) expect(entry.description, `${entry.key} (line ${entry.line})`).toBeTruthy();
  });

  it('groups the variables by service, in the order of the schemas', () => {
    const text = read('.env.example');
    const names = [...Object.keys(SCHEMAS), 'docker-compose.yml'];
    const headings = names.map(
      (name) => text.split(/\r?\n/).findIndex((l) => l.startsWith('# ───') && l.includes(name)) + 1,
    );
    expect(
      names.filter((_, i) => headings[i] === 0),
      'a group heading is missing',
    ).toEqual([]);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    const groupOf = (line: number) => headings.filter((h) => h <= line).length - 1;
    const schemas = Object.values(SCHEMAS);
    for (const entry of example) {
      const first = schemas.findIndex((schema) => entry.key in schema.shape);
      const group = first === -1 ? schemas.length : first;
      expect(groupOf(entry.line), `${entry.key} is in the wrong group`).toBe(group);
    }
  });
});
