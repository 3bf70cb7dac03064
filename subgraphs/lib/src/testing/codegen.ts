// Whether a checked-in graphql-codegen output is what codegen makes of the schema and the
// documents now: every target's test (web, REST, service calls) asks the same question. Imported
// as `@igny8/lib/testing/codegen`, apart from the kit, so suites that check no codegen never load it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type CodegenConfig, generate } from '@graphql-codegen/cli';

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

export interface CodegenFreshness {
  /** Files codegen makes now, and the files checked in. */
  expected: string[];
  checkedIn: string[];
  /** Files whose checked-in text differs from what codegen makes now. */
  stale: string[];
}

/** Generates `outputKey`'s target of `config` into a scratch folder and compares it with the checked-in one. */
export async function codegenFreshness(
  config: CodegenConfig,
  outputKey: string,
  repoRoot: string,
): Promise<CodegenFreshness> {
  const target = config.generates[outputKey];
  if (!target) throw new Error(`codegen.ts does not generate ${outputKey}`);
  const scratch = mkdtempSync(join(tmpdir(), 'igny8-codegen-'));
  try {
    await generate({ ...config, cwd: repoRoot, silent: true, generates: { [`${scratch}/`]: target } }, true);
    const checkedInDir = join(repoRoot, outputKey);
    const expected = filesIn(scratch);
    const checkedIn = filesIn(checkedInDir);
    const stale = expected.filter(
      (file) =>
        checkedIn.includes(file) &&
        readFileSync(join(scratch, file), 'utf8') !== readFileSync(join(checkedInDir, file), 'utf8'),
    );
    return { expected, checkedIn, stale };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
