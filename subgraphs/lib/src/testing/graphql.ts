// Speaking GraphQL to a running server the way a client does: POST JSON, and graphql-ws.
export interface GqlError {
  message: string;
  extensions?: { code?: string; fields?: Record<string, string[]>; [key: string]: unknown };
}

export interface GqlResult<T> {
  data?: T;
  errors?: GqlError[];
}

/** One GraphQL request; `token` goes in as a Bearer credential. */
export type Gql = <T = any>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) => Promise<GqlResult<T>>;

/** POST /graphql (or `endpoint` itself when it already names the path) as a browser or integrator would. */
export function graphqlClient(endpoint: string): Gql {
  const url = /\/graphql$/.test(endpoint) ? endpoint : `${endpoint.replace(/\/$/, '')}/graphql`;
  return async (query, variables, token) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
}

/** The answer's data; a GraphQL error fails the calling step with the errors. */
export async function gqlData<T = any>(
  gql: Gql,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await gql<T>(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

/** A connection's nodes, in order: `nodesOf(data.members)` for `members { edges { node { … } } }`. */
export const nodesOf = <T = any>(connection: { edges: readonly { node: T }[] }): T[] =>
  connection.edges.map((e) => e.node);
