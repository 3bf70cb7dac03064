// Who may call an operation, named once: `authScopes: scopePresets.admin`. A change needs the role
// and a write-scoped credential (an API key may be read-only); reading needs a signed-in caller.
export const scopePresets = {
  /** Any signed-in member of the account. */
  member: { authenticated: true },
  /** Editors and above, with a write-scoped credential: the account's content. */
  editor: { $all: { role: 'editor', scope: 'write' } },
  /** Admins and owners, with a write-scoped credential: the account itself (sites, team, keys, settings). */
  admin: { $all: { role: 'admin', scope: 'write' } },
  /** The platform operator. */
  operator: { superuser: true },
  /** Another subgraph with a service token: operations the gateway never exposes. */
  service: { service: true },
} as const;
