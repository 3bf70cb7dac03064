// The planner's jobs with a real (OpenAI-protocol) provider configured for the account: only the
// keywords the intent rules are unsure of go to the model, embeddings feed the clustering, the
// model names the clusters and writes the ideas from the account's own prompt, and tokens and
// model are logged beside the charge.
import {
  createSiteWithSector,
  type OpenAiProtocolServer,
  type Place,
  type RecordedRequest,
  startOpenAiProtocolServer,
} from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { followJob, waitForJob } from './jobs-fixtures.js';

const KEY = 'sk-planner-account-key';

const lastUserText = (request: RecordedRequest) => {
  const messages = (request.body.messages ?? []) as { role: string; content: string }[];
  return messages.map((m) => m.content).join('\n');
};

/** The model's answers: whichever JSON shape the job's request asks for. */
function answer(request: RecordedRequest): string {
  const text = lastUserText(request);
  if (text.includes('"KeywordIntents"')) {
    const keywords = text
      .split('\n')
      .filter((line) => line && !line.includes('{') && !line.startsWith('You ') && !line.startsWith('Answer'));
    return JSON.stringify({ intents: keywords.map((keyword) => ({ keyword, intent: 'commercial' })) });
  }
  if (text.includes('"ClusterNames"')) {
    const groups = [...text.matchAll(/^Group (\d+):/gm)].map((m) => Number(m[1]));
    return JSON.stringify({
      clusters: groups.map((group) => ({
        group,
        name: `Model topic ${group}`,
        description: `Written by the model (${group}).`,
      })),
    });
  }
  if (text.includes('"ContentIdeas"')) {
    return JSON.stringify({
      ideas: [1, 2].map((n) => ({
        title: `Model idea ${n}: growing tomatoes that thrive`,
        description: 'An idea the model wrote.',
        content_type: 'guide',
        primary_keywords: ['growing tomatoes in pots'],
        covered_keywords: ['tomato plant diseases'],
        outline: [{ heading: 'Pick the right pot', points: ['size', 'drainage'] }],
        estimated_word_count: 1800,
      })),
    });
  }
  return '{}';
}

describe('planner jobs with an OpenAI-compatible provider', () => {
  let server: OpenAiProtocolServer;
  let p: Platform;
  let owner: Session;
  let place: Place;

  beforeAll(async () => {
    server = await startOpenAiProtocolServer({ apiKey: KEY, chatContent: answer });
    p = await startPlatform({
      system: {
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: KEY,
        AI_CHAT_MODEL: 'test-chat',
      },
    });
    owner = await registerOwner(p, 'Model Agency');
    await setPlan(p, owner.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Tomato Town', sector: 'Tomatoes' });
    const imported = await p.gql(
      `mutation($input: ImportKeywordsInput!) { importKeywords(input: $input) { added } }`,
      {
        input: {
          ...place,
          list: [
            'growing tomatoes in pots',
            'how to grow tomatoes in pots',
            'tomato plant diseases',
            'tomato plant leaves turning yellow',
            'buy tomato seeds',
            'tomato cages', // no modifier: the rules are unsure
          ].join('\n'),
        },
      },
      owner.token,
    );
    expect(imported.data.importKeywords.added).toBe(6);
  });
  afterAll(async () => {
    await p?.close();
    await server?.close();
  });

  it('asks the model only about unsure intents, clusters on embeddings, and keeps the model’s names', async () => {
    server.reset();
    const started = await p.gql(
      `mutation($input: ClusterKeywordsInput!) { clusterKeywords(input: $input) { id } }`,
      { input: place },
      owner.token,
    );
    const done = await waitForJob(
      p,
      owner.token,
      started.data.clusterKeywords.id,
      'error clusters { name description }',
    );
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');

    const intentRequest = server.requests.find((r) => lastUserText(r).includes('"KeywordIntents"'));
    expect(intentRequest).toBeDefined();
    const asked = lastUserText(intentRequest!);
    expect(asked).toContain('tomato cages');
    expect(asked).not.toContain('buy tomato seeds');
    expect(server.requests.some((r) => r.path === '/v1/embeddings')).toBe(true);
    expect(done.clusters.every((c: { name: string }) => /^Model topic \d+$/.test(c.name))).toBe(true);

    const cages = await p.gql(
      `query($filter: KeywordFilter) { keywords(filter: $filter) { edges { node { intent intentSource } } } }`,
      { filter: { ...place, search: 'tomato cages' } },
      owner.token,
    );
    expect(cages.data.keywords.edges[0].node).toEqual({ intent: 'COMMERCIAL', intentSource: 'AI' });

    const usage = await p.gql(
      `{ creditUsage { rows { operation credits inputTokens outputTokens } } }`,
      {},
      owner.token,
    );
    if (usage.errors) throw new Error(JSON.stringify(usage.errors));
    const clustering = usage.data.creditUsage.rows.find((r: { operation: string }) => r.operation === 'clustering');
    expect(clustering).toMatchObject({ credits: 10 });
    expect(clustering.inputTokens).toBeGreaterThan(0);
    expect(clustering.outputTokens).toBeGreaterThan(0);
  });

  it("writes ideas with the account's Ideas prompt and keeps the model's ideas", async () => {
    await p.gql(
      `mutation($input: SavePromptInput!) { savePrompt(input: $input) { type } }`,
      { input: { type: 'IDEAS', text: 'HOUSE STYLE. Ideas for {{cluster}} from these keywords:\n{{keywords}}' } },
      owner.token,
    );
    const clusters = await p.gql(
      `query($filter: ClusterFilter) { clusters(filter: $filter, first: 20) { edges { node { id } } } }`,
      { filter: place },
      owner.token,
    );
    const clusterId = clusters.data.clusters.edges[0].node.id;
    server.reset();
    const started = await p.gql(
      `mutation($input: GenerateIdeasInput!) { generateIdeas(input: $input) { id } }`,
      { input: { clusterIds: [clusterId], count: 2 } },
      owner.token,
    );
    const done = await waitForJob(
      p,
      owner.token,
      started.data.generateIdeas.id,
      'error contentIdeas { title contentType targetKeywords }',
    );
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    expect(lastUserText(server.requests.at(-1)!)).toContain('HOUSE STYLE. Ideas for Model topic');
    expect(done.contentIdeas).toHaveLength(2);
    expect(done.contentIdeas[0]).toMatchObject({ contentType: 'GUIDE' });
    expect(done.contentIdeas[0].targetKeywords).toEqual(['growing tomatoes in pots', 'tomato plant diseases']);
  });

  it('clusters by the words alone when the provider has no embedding model', async () => {
    const all = await p.gql(
      `query($filter: KeywordFilter) { keywords(filter: $filter, first: 50) { edges { node { id } } } }`,
      { filter: place },
      owner.token,
    );
    const ids = all.data.keywords.edges.map((e: { node: { id: string } }) => e.node.id);
    server.reset();
    // Every intent is settled by now, so the embeddings request is the job's first to the provider.
    server.next({
      status: 404,
      error: { message: 'The model `text-embedding-3-small` does not exist', code: 'model_not_found' },
    });
    const started = await p.gql(
      `mutation($input: ClusterKeywordsInput!) { clusterKeywords(input: $input) { id } }`,
      { input: { ...place, keywordIds: ids } },
      owner.token,
    );
    const events = await followJob(p, owner.token, started.data.clusterKeywords.id, 'message error clusters { name }');
    const done = events.at(-1)!;
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    expect(events.some((e) => /gave no embeddings .*does not exist/.test(e.message))).toBe(true);
    expect(server.requests[0]?.path).toBe('/v1/embeddings');
    expect(done.clusters.length).toBeGreaterThan(0);
  });
});
