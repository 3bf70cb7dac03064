// Accounts for tests: unique e-mails (suites share one PostgreSQL database in CI), an owner
// registered through the API, and a site with a sector to work in.
import { type Gql, gqlData } from './graphql.js';

export const PASSWORD = 'correct horse 42';

let counter = 0;
/** A short suffix unique within this run (names, slugs). */
export const uniqueSuffix = () => `${Date.now().toString(36)}-${process.pid}-${counter++}`;
/** A unique, valid e-mail address per call. */
export const uniqueEmail = (label = 'user') => `${label}-${uniqueSuffix()}@example.com`;

export interface Session {
  email: string;
  token: string;
  refreshToken: string;
  userId: string;
  accountId: string;
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) {
  accessToken refreshToken user { id email } account { id name } } }`;

/** Registers a fresh account (you become its owner) and returns the owner's session. */
export async function registerOwner(
  gql: Gql,
  accountName = 'Acme Agency',
  owner: { email?: string; name?: string; password?: string } = {},
): Promise<Session> {
  const email = owner.email ?? uniqueEmail('owner');
  const res = await gql(REGISTER, {
    input: { email, password: owner.password ?? PASSWORD, name: owner.name ?? 'Owner Person', accountName },
  });
  if (res.errors) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const registered = res.data.register;
  return {
    email,
    token: registered.accessToken,
    refreshToken: registered.refreshToken,
    userId: registered.user.id,
    accountId: registered.account.id,
  };
}

const REFRESH = `mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { accessToken refreshToken } }`;

/**
 * The session after a refresh, as the web app does when a token is refused: a change of role
 * ends the access tokens signed before it, and the next one carries the new role.
 */
export async function refreshSession<S extends Session>(gql: Gql, session: S): Promise<S> {
  const res = await gql(REFRESH, { refreshToken: session.refreshToken });
  if (res.errors) throw new Error(`refresh failed: ${JSON.stringify(res.errors)}`);
  return { ...session, token: res.data.refreshToken.accessToken, refreshToken: res.data.refreshToken.refreshToken };
}

export interface Place {
  siteId: string;
  sectorId: string;
}

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id sectors { id name } } }`;

/** A site with one sector (named `sector`), made through the API as its owner would. */
export async function createSiteWithSector(
  gql: Gql,
  token: string,
  site: { name?: string; domain?: string; industryId?: string; sector?: string } = {},
): Promise<Place> {
  const sector = site.sector ?? 'General';
  const { createSite } = await gqlData(
    gql,
    CREATE_SITE,
    {
      input: {
        name: site.name ?? `Site ${uniqueSuffix()}`,
        ...(site.domain ? { domain: site.domain } : {}),
        ...(site.industryId ? { industryId: site.industryId } : {}),
        sectors: [sector],
      },
    },
    token,
  );
  const made = createSite.sectors.find((s: { name: string }) => s.name === sector) ?? createSite.sectors[0];
  return { siteId: createSite.id, sectorId: made.id };
}
