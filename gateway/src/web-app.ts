// The built web app (web/dist): its hashed assets in the encoding the browser takes (brotli or gzip
// copies written at build by web/precompress.ts), cached for a year since a new build names its
// files anew; index.html for every client-side route, never cached, so a release shows at once.
// Source maps stay private in production.
import { readdirSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Best first: brotli is about a fifth smaller than gzip on these scripts. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The codings an Accept-Encoding header allows (`q=0` refuses one; `*` allows any). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}

/** URL path of every file of the build (read once: a build is replaced, not edited, under a running gateway). */
function filesOf(dir: string): Set<string> {
  return new Set(
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => `/${file.split(sep).join('/')}`),
  );
}

export function mountWebApp(app: Express, { webDist, production }: { webDist: string; production: boolean }): void {
  const files = filesOf(webDist);
  const assets = express.static(join(webDist, 'assets'), {
    index: false,
    fallthrough: false,
    immutable: true,
    maxAge: '1y',
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (production && req.path.endsWith('.map')) {
      res.status(404).json({ error: 'Not found.' });
      return;
    }
    next();
  });

  app.use('/assets', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = `/assets${req.path}`;
    const variants = ENCODINGS.filter(({ suffix }) => files.has(`${path}${suffix}`));
    if (variants.length > 0) {
      // Caches keep one copy per encoding the browser asked for.
      res.vary('Accept-Encoding');
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      const chosen = variants.find(({ name }) => accepted.has(name) || accepted.has('*'));
      if (chosen) {
        // The type of the file the copy holds, not of `.br`/`.gz`.
        res.type(extname(req.path));
        res.setHeader('Content-Encoding', chosen.name);
        req.url = `${req.path}${chosen.suffix}`;
      }
    }
    assets(req, res, next);
  });

  const shell = join(webDist, 'index.html');
  app.use(
    express.static(webDist, {
      index: false,
      maxAge: '1h',
      // Asked for by name, the app shell is no more cacheable than under a route.
      setHeaders: (res, file) => {
        if (file === shell) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  // Client-side routes: every other GET that wants HTML gets the app shell.
  app.get(/^\/(?!api\/|graphql|metrics|\.well-known\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(shell);
  });
}
