// docker-compose.yml and the Dockerfile checked against the code: every service runs a file the
// build produces, sets only variables its config schema knows (with values it accepts), sets
// every required one, and the gateway reaches each subgraph at that service's name and port.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { automationConfigSchema } from '@igny8/automation';
import { billingConfigSchema } from '@igny8/billing';
import { plannerConfigSchema } from '@igny8/planner';
import { systemConfigSchema } from '@igny8/system';
import { writerConfigSchema } from '@igny8/writer';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { gatewayConfigSchema, subgraphUrls } from '../src/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type ConfigSchema = z.ZodObject<Record<string, z.ZodType>>;

/** Subgraph services: compose service name = supergraph subgraph name → workspace dir, schema. */
const SUBGRAPHS: Record<string, { dir: string; schema: ConfigSchema }> = {
  system: { dir: 'subgraphs/system', schema: systemConfigSchema as unknown as ConfigSchema },
  billing: { dir: 'subgraphs/billing', schema: billingConfigSchema as unknown as ConfigSchema },
  automation: { dir: 'subgraphs/automation', schema: automationConfigSchema as unknown as ConfigSchema },
  planner: { dir: 'subgraphs/planner', schema: plannerConfigSchema as unknown as ConfigSchema },
  writer: { dir: 'subgraphs/writer', schema: writerConfigSchema as unknown as ConfigSchema },
};
/** Every service built from our image. */
const APP_SERVICES: Record<string, { dir: string; schema: ConfigSchema }> = {
  ...SUBGRAPHS,
  gateway: { dir: 'gateway', schema: gatewayConfigSchema as unknown as ConfigSchema },
};
/** Where the image puts the repository (Dockerfile WORKDIR). */
const APP_DIR = '/app';

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  expose?: (string | number)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  networks?: string[] | Record<string, { ipv4_address?: string } | null>;
  volumes?: (string | { target: string })[];
}

const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } } | null>;
};
const services = compose.services;

/** Compose interpolation: `${X:-default}` → default, `${X:?error}` → a stand-in (required from .env). */
function interpolate(value: string): string {
  return value
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
      if (op?.endsWith('-')) return arg ?? '';
      if (op?.endsWith('?')) return `<${name} from .env: a value only the operator knows>`;
      return '';
    })
    .replace(/\$\$/g, '$');
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => {
        const at = line.indexOf('=');
        return [at < 0 ? line : line.slice(0, at), at < 0 ? '' : line.slice(at + 1)] as const;
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)] as const);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v)]));
}

function commandOf(service: Service): string[] {
  const command = service.command;
  if (!command) return [];
  return Array.isArray(command) ? command.map(String) : command.trim().split(/\s+/);
}

function dependsOn(service: Service): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  return Array.isArray(deps)
    ? Object.fromEntries(deps.map((d) => [d, undefined]))
    : Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v?.condition]));
}

const parsedConfig = (name: string) => APP_SERVICES[name]!.schema.parse(environmentOf(services[name]!));

/** Keys whose schema rejects "unset": the ones a service must be given. */
const requiredKeys = (schema: ConfigSchema) =>
  Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key);

/** Workspace package dirs, from the root package.json's workspaces globs (`dir` or `dir/*`). */
function workspaceDirs(): string[] {
  const globs = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [glob];
    const parent = glob.slice(0, -2);
    return readdirSync(join(ROOT, parent), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ROOT, parent, d.name, 'package.json')))
      .map((d) => `${parent}/${d.name}`);
  });
}

/** Files the workspace build scripts write (`bundle.mjs <entry> <out>`), repo-relative, with their entry. */
function buildOutputs(): Map<string, { pkgDir: string; entry: string }> {
  const outputs = new Map<string, { pkgDir: string; entry: string }>();
  for (const dir of workspaceDirs()) {
    const pkg = JSON.parse(read(`${dir}/package.json`)) as { scripts?: Record<string, string> };
    const script = pkg.scripts?.build ?? '';
    for (const m of script.matchAll(/bundle\.mjs\s+(\S+)\s+(\S+)/g)) {
      outputs.set(posix.join(dir, m[2]!), { pkgDir: dir, entry: posix.join(dir, m[1]!) });
    }
  }
  return outputs;
}

/** The port a healthcheck's URL names, and its path. */
function healthcheckUrl(service: Service): URL {
  const test = service.healthcheck?.test;
  const text = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const match = /https?:\/\/[^\s'"`)]+/.exec(text);
  expect(match, `healthcheck without a URL: ${text}`).not.toBeNull();
  return new URL(match![0]);
}

describe('docker-compose.yml', () => {
  it('has postgres, one service per subgraph and the gateway — and nothing unaccounted for', () => {
    const subgraphDirs = readdirSync(join(ROOT, 'subgraphs'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'lib' && existsSync(join(ROOT, 'subgraphs', d.name, 'package.json')))
      .map((d) => d.name)
      .sort();
    // A new subgraph must be registered above (its config schema) and get a compose service.
    expect(Object.keys(SUBGRAPHS).sort()).toEqual(subgraphDirs);
    expect(Object.keys(services).sort()).toEqual(['postgres', ...Object.keys(APP_SERVICES)].sort());
    expect(services.postgres!.image).toMatch(/^postgres:16(\b|$)/);
    expect(services.postgres!.healthcheck?.test).toBeDefined();
    expect(services.postgres!.volumes?.length).toBeGreaterThan(0);
  });

  it('builds every app service from the repository Dockerfile', () => {
    for (const name of Object.keys(APP_SERVICES)) {
      const build = services[name]!.build;
      const context = typeof build === 'string' ? build : build?.context;
      const dockerfile = typeof build === 'object' ? (build.dockerfile ?? 'Dockerfile') : 'Dockerfile';
      expect(context, `${name}.build`).toBeDefined();
      expect(resolve(ROOT, context!), `${name}.build context`).toBe(ROOT);
      expect(dockerfile).toBe('Dockerfile');
    }
  });

  it("runs, for each service, a file its workspace's build script produces from an existing entry", () => {
    const outputs = buildOutputs();
    expect(outputs.size).toBeGreaterThan(0);
    for (const [name, { dir }] of Object.entries(APP_SERVICES)) {
      const [bin, file, ...rest] = commandOf(services[name]!);
      expect(bin, `${name}.command`).toBe('node');
      expect(rest, `${name}.command`).toEqual([]);
      const produced = outputs.get(posix.normalize(file ?? ''));
      expect(produced, `${name} runs ${file}, which no build script produces`).toBeDefined();
      expect(produced!.pkgDir, `${name} runs another workspace's file`).toBe(dir);
      expect(existsSync(join(ROOT, produced!.entry)), `${produced!.entry} (bundled into ${file}) is missing`).toBe(
        true,
      );
    }
  });

  it('sets only variables of each service config schema, with values the schema accepts', () => {
    for (const [name, { schema }] of Object.entries(APP_SERVICES)) {
      const env = environmentOf(services[name]!);
      const unknown = Object.keys(env).filter((key) => !(key in schema.shape));
      expect(unknown, `${name} sets variables its config does not read`).toEqual([]);
      const parsed = schema.safeParse(env);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('sets every required variable, runs in production and agrees on the token issuer and audience', () => {
    const jwt = new Set<string>();
    for (const [name, { schema }] of Object.entries(APP_SERVICES)) {
      const env = environmentOf(services[name]!);
      for (const key of requiredKeys(schema)) expect(env, `${name} must set ${key}`).toHaveProperty(key);
      const config = parsedConfig(name) as Record<string, unknown>;
      expect(config.NODE_ENV, `${name} NODE_ENV`).toBe('production');
      jwt.add(`${config.JWT_ISSUER} ${config.JWT_AUDIENCE}`);
    }
    expect([...jwt]).toHaveLength(1);
  });

  it('connects every subgraph to the postgres service and starts it once postgres is healthy', () => {
    const pg = environmentOf(services.postgres!);
    for (const name of Object.keys(SUBGRAPHS)) {
      const config = parsedConfig(name) as { DATABASE_URL?: string };
      expect(config.DATABASE_URL, `${name} DATABASE_URL`).toBeDefined();
      const url = new URL(config.DATABASE_URL!);
      expect(url.hostname).toBe('postgres');
      expect(url.port || '5432').toBe('5432');
      expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER ?? 'postgres');
      expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(url.pathname.slice(1)).toBe(pg.POSTGRES_DB ?? pg.POSTGRES_USER ?? 'postgres');
      expect(dependsOn(services[name]!).postgres).toBe('service_healthy');
    }
  });

  it('gives the system subgraph a persistent signing key', () => {
    const raw = services.system!.environment as Record<string, string>;
    const config = parsedConfig('system') as { DATA_DIR: string };
    const keyVolume = (services.system!.volumes ?? []).some((v) => {
      const target = typeof v === 'string' ? v.split(':')[1] : v.target;
      return target !== undefined && posix.resolve(APP_DIR, config.DATA_DIR).startsWith(posix.resolve(target));
    });
    // Either the key comes from the environment (required: `${JWT_PRIVATE_JWK:?…}`) or DATA_DIR is a volume.
    expect(/^\$\{JWT_PRIVATE_JWK:?\?/.test(String(raw.JWT_PRIVATE_JWK ?? '')) || keyVolume).toBe(true);
  });

  it('makes each subgraph listen on all interfaces at the port it exposes and health-checks', () => {
    for (const name of Object.keys(SUBGRAPHS)) {
      const config = parsedConfig(name) as Record<string, unknown>;
      const prefix = name.toUpperCase();
      expect(config[`${prefix}_HOST`], `${name} must listen on 0.0.0.0 in a container`).toBe('0.0.0.0');
      const port = config[`${prefix}_PORT`] as number;
      expect((services[name]!.expose ?? []).map(String)).toContain(String(port));
      const health = healthcheckUrl(services[name]!);
      expect(Number(health.port)).toBe(port);
      expect(health.pathname).toBe('/health');
    }
  });

  it('lets only the gateway name the client address to a subgraph: its fixed address is their TRUST_PROXY', () => {
    const networks = services.gateway!.networks;
    const address = !networks || Array.isArray(networks) ? undefined : networks.default?.ipv4_address;
    expect(address, 'the gateway needs a fixed ipv4_address on the default network').toBeDefined();
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? '';
    expect(address!.startsWith(subnet.split('.').slice(0, 3).join('.')), `${address} in ${subnet}`).toBe(true);
    for (const name of Object.keys(SUBGRAPHS)) {
      expect((parsedConfig(name) as { TRUST_PROXY: string[] }).TRUST_PROXY, name).toEqual([address]);
    }
    // The gateway itself trusts no proxy unless the operator names one.
    expect((parsedConfig('gateway') as { TRUST_PROXY: string[] }).TRUST_PROXY).toEqual([]);
  });

  it("points the gateway at each subgraph's service name and port, and waits for it to be healthy", () => {
    const gateway = parsedConfig('gateway') as Parameters<typeof subgraphUrls>[0];
    const urls = subgraphUrls(gateway);
    expect(Object.keys(urls).sort()).toEqual(Object.keys(SUBGRAPHS).sort());
    for (const [name, raw] of Object.entries(urls)) {
      const url = new URL(raw);
      const subgraph = parsedConfig(name) as Record<string, unknown>;
      expect(url.hostname, `gateway's URL for ${name}`).toBe(name);
      expect(Number(url.port || 80), `gateway's URL for ${name}`).toBe(subgraph[`${name.toUpperCase()}_PORT`]);
      expect(url.pathname).toBe('/graphql');
      expect(dependsOn(services.gateway!)[name]).toBe('service_healthy');
    }
    expect(environmentOf(services.gateway!).SYSTEM_URL).toBe('http://system:4001/graphql');
  });

  it("publishes the gateway's configured port, listening on all interfaces", () => {
    const config = parsedConfig('gateway') as { PORT: number; HOST: string };
    expect(config.HOST).toBe('0.0.0.0');
    const ports = (services.gateway!.ports ?? []).map((p) =>
      typeof p === 'object'
        ? { host: String(p.published), container: String(p.target) }
        : (() => {
            const parts = String(p)
              .replace(/\/(tcp|udp)$/, '')
              .split(':');
            return { host: parts.length > 1 ? parts.at(-2)! : undefined, container: parts.at(-1)! };
          })(),
    );
    expect(ports).toContainEqual({ host: '4000', container: String(config.PORT) });
    const health = healthcheckUrl(services.gateway!);
    expect(Number(health.port)).toBe(config.PORT);
    expect(health.pathname).toBe('/api/v1/system/ping/');
    // Only the gateway is reachable from outside.
    for (const name of Object.keys(services)) if (name !== 'gateway') expect(services[name]!.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  interface Instruction {
    op: string;
    args: string;
  }
  interface Stage {
    name: string;
    from: string;
    steps: Instruction[];
  }

  const lines = read('Dockerfile')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      const [image = '', , name] = args.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => globalArgs[a ?? b] ?? '');
      stages.push({ name: name ?? String(stages.length), from, steps: [] });
    } else if (upper === 'ARG' && stages.length === 0) {
      const [key = '', value = ''] = args.split('=');
      globalArgs[key] = value;
    } else if (stages.length) {
      stages.at(-1)!.steps.push({ op: upper, args });
    }
  }
  const runtime = stages.at(-1)!;
  const indexOf = (stage: Stage, test: (i: Instruction) => boolean) => stage.steps.findIndex(test);

  it('builds on node:20-bookworm-slim in every stage', () => {
    expect(stages.length).toBeGreaterThan(1);
    for (const stage of stages) {
      expect(stage.from, `stage ${stage.name}`).toMatch(/^node:20(\.\d+)*-bookworm-slim$|^[a-z]+$/);
    }
    expect(runtime.from).toMatch(/^node:20(\.\d+)*-bookworm-slim$/);
  });

  it('installs with npm ci, copies the sources and runs the root build, which builds every workspace', () => {
    const build = stages.find((s) => indexOf(s, (i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)) >= 0);
    expect(build, 'a stage that runs `npm run build`').toBeDefined();
    const ci = indexOf(build!, (i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    const sources = indexOf(build!, (i) => i.op === 'COPY' && /^\.\s+\.\/?$/.test(i.args.trim()));
    const run = indexOf(build!, (i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(sources).toBeGreaterThan(ci);
    expect(run).toBeGreaterThan(sources);
    expect(build!.steps.some((i) => i.op === 'WORKDIR' && i.args === APP_DIR)).toBe(true);

    // `npm run build` at the root runs every workspace's build script (turbo, or npm --workspaces).
    const rootBuild = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build ?? '';
    if (/\bturbo run build\b/.test(rootBuild)) {
      const turbo = JSON.parse(read('turbo.json')) as { tasks: Record<string, { outputs?: string[] }> };
      expect(turbo.tasks.build?.outputs ?? []).toContain('dist/**');
      for (const file of buildOutputs().keys()) expect(file).toMatch(/\/dist\//);
    } else {
      expect(rootBuild).toMatch(/--workspaces|-ws\b/);
    }
  });

  it('ships what the build produced (the whole /app) and runs as a non-root user', () => {
    const build = stages.find((s) => indexOf(s, (i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)) >= 0)!;
    const copy = runtime.steps.find(
      (i) =>
        i.op === 'COPY' &&
        i.args.includes(`--from=${build.name}`) &&
        new RegExp(`\\s${APP_DIR}/?\\s+\\./?$`).test(i.args),
    );
    expect(copy, `runtime copies ${APP_DIR} from the ${build.name} stage`).toBeDefined();
    expect(runtime.steps.some((i) => i.op === 'WORKDIR' && i.args === APP_DIR)).toBe(true);
    const user = runtime.steps.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("does not leave any service's entry out of the build context", () => {
    const patterns = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const toRegExp = (glob: string) =>
      new RegExp(
        `^${glob
          .replace(/^\/+|\/+$/g, '')
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\/?/g, '%GLOBSTAR%')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replace(/%GLOBSTAR%/g, '(.*/)?')}$`,
      );
    const ignored = (path: string) => {
      let result = false;
      const segments = path.split('/');
      for (const pattern of patterns) {
        const negate = pattern.startsWith('!');
        const re = toRegExp(negate ? pattern.slice(1) : pattern);
        // A pattern matching a parent directory excludes everything below it.
        if (segments.some((_s, i) => re.test(segments.slice(0, i + 1).join('/')))) result = !negate;
      }
      return result;
    };
    const outputs = buildOutputs();
    const needed = [
      'package.json',
      'package-lock.json',
      'scripts/bundle.mjs',
      'drizzle/migrations',
      'schema/supergraph.graphql',
    ];
    for (const [name] of Object.entries(APP_SERVICES)) {
      const file = commandOf(services[name]!)[1] ?? '';
      const entry = outputs.get(posix.normalize(file))?.entry;
      if (entry) needed.push(entry);
      expect(ignored(file), `${file} is built in the image, not copied`).toBe(true);
    }
    for (const path of needed) expect(ignored(path), `${path} must reach the build`).toBe(false);
    expect(ignored('node_modules')).toBe(true);
  });
});
