// Bundles one server entry point with esbuild: our workspace packages are inlined,
// every npm dependency stays external (PGlite and argon2 load files next to themselves).
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) throw new Error('usage: bundle.mjs <entry.ts> <out.js>');

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [
    {
      name: 'external-npm',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@igny8/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
