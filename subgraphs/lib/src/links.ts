// Every link the platform hands out — in a mail or in an answer — starts at the public URL: where
// people reach the web app, which is not where a subgraph listens.

export interface PublicLinks {
  /** The public URL links start at, e.g. https://app.example.com (no trailing slash). */
  base(): string;
  /** The absolute URL of a page of the web app, e.g. `to('/accept-invite', { token })`. */
  to(path: `/${string}`, query?: Record<string, string>): string;
}

/**
 * Where `npm start` serves the app when no PORT is set: the only guess a subgraph started on its
 * own (outside `npm start`) can make. Production must say (PUBLIC_URL).
 */
const GATEWAY_DEFAULT_URL = 'http://localhost:4000';

export interface PublicLinkSettings {
  /** PUBLIC_URL, when set: it always wins. */
  configured: string | undefined;
  /** The URL of the gateway started in this process (`npm start`), read when a link is made. */
  served?: () => string;
  production: boolean;
}

/**
 * Links from PUBLIC_URL, else from the gateway this process started (so `npm start` on any port
 * links to itself). A subgraph alone in production without PUBLIC_URL refuses to start: it would
 * mail links that lead nowhere.
 */
export function createPublicLinks({ configured, served, production }: PublicLinkSettings): PublicLinks {
  if (!configured && !served && production) {
    throw new Error(
      'Invalid configuration:\n  PUBLIC_URL: is required in production: where people reach the web app, e.g. https://app.example.com (invite and password-reset links point there)',
    );
  }
  const base = () => (configured ?? served?.() ?? GATEWAY_DEFAULT_URL).replace(/\/+$/, '');
  return {
    base,
    to(path, query = {}) {
      const search = new URLSearchParams(query).toString();
      return `${base()}${path}${search ? `?${search}` : ''}`;
    },
  };
}
