// One drizzle-kit run per Postgres schema: `DRIZZLE_DOMAIN=billing npm run db:generate`
// (default `system`) writes that schema's migrations into migrations/<domain>/.
import { defineConfig } from 'drizzle-kit';

const domain = process.env.DRIZZLE_DOMAIN ?? 'system';

export default defineConfig({
  dialect: 'postgresql',
  schema: `./src/schema/${domain}.ts`,
  out: `./migrations/${domain}`,
  schemaFilter: [domain],
});
