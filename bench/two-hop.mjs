// Two-hop cross-subgraph list through the gateway (bench/run.mjs runs it on its platform process).
//
// 50 keywords with their site's name (system subgraph) and their cluster's name (planner) through
// the gateway, against the planner answering the same 50 keywords without the joined fields. The
// gateway fetches the list from planner, then resolves the keywords' sites in one `_entities`
// call to system, each distinct site sent once; system loads the batch in one SQL statement
// (lib/src/references.ts; gateway/test/entity-batches.test.ts asserts these counts). Setup through the API as a user would: a site with a sector, 60
// keywords imported, auto-cluster (offline provider, 10 credits of the demo account).
import autocannon from 'autocannon';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function gql(url, token, query, variables = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (!res.ok || body.errors) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

const TOPICS = ['tomato', 'basil', 'compost', 'rose', 'lawn', 'orchid'];
const ANGLES = [
  'how to grow',
  'best',
  'when to plant',
  'pests',
  'soil for',
  'watering',
  'pruning',
  'fertilizer for',
  'indoor',
  'varieties of',
];

async function seedKeywords(gatewayUrl, token) {
  const { createSite } = await gql(
    gatewayUrl,
    token,
    `mutation($input: CreateSiteInput!) { createSite(input: $input) { id sectors { id } } }`,
    { input: { name: `Bench Garden ${Date.now().toString(36)}`, sectors: ['Gardening'] } },
  );
  const place = { siteId: createSite.id, sectorId: createSite.sectors[0].id };
  const rows = TOPICS.flatMap((topic, t) => ANGLES.map((angle, a) => `${angle} ${topic},${100 + t * 37 + a * 11}`));
  await gql(gatewayUrl, token, `mutation($input: ImportKeywordsInput!) { importKeywords(input: $input) { added } }`, {
    input: { ...place, csv: `keyword,volume\n${rows.join('\n')}\n` },
  });
  const { clusterKeywords: job } = await gql(
    gatewayUrl,
    token,
    `mutation($input: ClusterKeywordsInput!) { clusterKeywords(input: $input) { id } }`,
    { input: place },
  );
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(250)) {
    const { job: state } = await gql(gatewayUrl, token, `query($id: ID!) { job(id: $id) { status error } }`, {
      id: job.id,
    });
    if (state.status === 'SUCCEEDED') return place;
    if (state.status === 'FAILED' || state.status === 'CANCELLED')
      throw new Error(`auto-cluster ${state.status}: ${state.error}`);
  }
  throw new Error('auto-cluster did not finish within 60 s');
}

const LIST = (
  fields,
) => `query($filter: KeywordFilter) { keywords(filter: $filter, first: 50, orderBy: { field: KEYWORD, direction: ASC }) {
  edges { node { id keyword volume ${fields} } } } }`;

export async function measureTwoHop({
  gatewayBase,
  plannerBase,
  token,
  connections,
  duration,
  warmup,
  rounds,
  serverCpuSeconds,
}) {
  const gatewayUrl = `${gatewayBase}/graphql`;
  const plannerUrl = `${plannerBase}/graphql`;
  const place = await seedKeywords(gatewayUrl, token);
  const sides = [
    { name: 'gateway', url: gatewayUrl, query: LIST('site { name } cluster { name }') },
    { name: 'direct', url: plannerUrl, query: LIST('') },
  ];
  for (const side of sides) {
    const data = await gql(side.url, token, side.query, { filter: place });
    const nodes = data.keywords.edges.map((e) => e.node);
    if (nodes.length !== 50) throw new Error(`${side.name} listed ${nodes.length} keywords, not 50`);
    if (side.name === 'gateway' && !nodes.every((n) => n.site?.name && n.cluster?.name)) {
      throw new Error(`the gateway answered keywords without their site or cluster: ${JSON.stringify(nodes[0])}`);
    }
    side.body = JSON.stringify({ query: side.query, variables: { filter: place } });
  }
  console.log(
    `bench: 50 keywords with site { name } cluster { name } through the gateway vs the planner's own list\n` +
      `  ${connections} connections, ${warmup} s warm-up + ${duration} s per run, ${rounds} rounds A/B\n`,
  );
  const runs = { gateway: [], direct: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const side of sides) {
      const options = {
        url: side.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: side.body,
        connections,
      };
      if (warmup > 0) await autocannon({ ...options, duration: warmup });
      const cpuBefore = serverCpuSeconds();
      const result = await autocannon({ ...options, duration });
      const cpuAfter = serverCpuSeconds();
      const bad = result.errors + result.timeouts + result.non2xx;
      if (bad) throw new Error(`${side.name}: ${bad} requests failed`);
      const run = {
        rps: result.requests.total / result.duration,
        p50: result.latency.p50,
        cpuMsPerRequest:
          cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
      };
      runs[side.name].push(run);
      console.log(
        `  round ${round} ${side.name.padEnd(7)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${String(run.p50).padStart(3)} ms` +
          (run.cpuMsPerRequest === null ? '' : `  cpu ${run.cpuMsPerRequest.toFixed(2)} ms/req`),
      );
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const gateway = {
    rps: mean(runs.gateway.map((r) => r.rps)),
    cpu: mean(runs.gateway.map((r) => r.cpuMsPerRequest ?? 0)),
  };
  const direct = {
    rps: mean(runs.direct.map((r) => r.rps)),
    cpu: mean(runs.direct.map((r) => r.cpuMsPerRequest ?? 0)),
  };
  const ratioPercent = (gateway.rps / direct.rps) * 100;
  const cpuRatioPercent = gateway.cpu ? (direct.cpu / gateway.cpu) * 100 : null;
  console.log(`\n  two-hop gateway / planner direct: ${ratioPercent.toFixed(1)} % of the direct req/s  (goal ≥ 60 %)`);
  if (cpuRatioPercent !== null) console.log(`  by server CPU per request: ${cpuRatioPercent.toFixed(1)} %\n`);
  return {
    runs,
    ratioPercent: Number(ratioPercent.toFixed(1)),
    cpuRatioPercent: cpuRatioPercent && Number(cpuRatioPercent.toFixed(1)),
  };
}
