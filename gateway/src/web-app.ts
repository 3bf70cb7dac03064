// The built web app (web/dist): its hashed assets in the encoding the browser takes (brotli or gzip
// copies written at build by web/precompress.ts), cached for a year since a new build names its
// files anew; index.html for every client-side route, never cached, so a release shows at once.
// Source maps stay private in production. Every answer carries the security headers (helmet): a
// Content-Security-Policy the app runs under without a violation (checked by the browser tests),
// no framing, no MIME sniffing, a strict referrer, and HSTS when served over HTTPS.
import { readdirSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

/**
 * What the app loads: its own scripts, styles, fonts and images (signed /files links are on this
 * host too; data: and blob: for generated previews), and its own API over HTTP and WebSocket.
 * React sets inline styles through the DOM, which CSP allows; no inline script or style element.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const securityHeaders = helmet({
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // Set below, only over HTTPS: over plain HTTP it means nothing and misleads.
  strictTransportSecurity: false,
  // The app opens signed file links and nothing cross-origin needs it: keep the defaults' isolation.
  crossOriginEmbedderPolicy: false,
});
const hsts = helmet.strictTransportSecurity({ maxAge: 15_552_000, includeSubDomains: true });

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

  app.use(securityHeaders);
  app.use((req: Request, res: Response, next: NextFunction) => (req.secure ? hsts(req, res, next) : next()));
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
