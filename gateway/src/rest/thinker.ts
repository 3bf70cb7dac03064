// /api/v1/system/prompts/, /system/author-profiles/, /system/strategies/ and
// /system/image-testing/: the original's Thinker.
import type { Request, Router } from 'express';
import { enumValue, toGraphqlInput } from './case.js';
import { RestFailure, sendData, sendList, sendNoContent } from './envelope.js';
import { bodyOf, pageOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const PROMPT = 'type label description text defaultText isCustomised variables { name description required } updatedAt';
const AUTHOR_PROFILE = 'id name tone style audience sampleText isDefault createdAt updatedAt';
const STRATEGY = 'id name description contentTypes rules minWords maxWords isDefault createdAt updatedAt';
const TEST_IMAGE = 'id prompt size style url mimeType model createdAt job { id }';
const STARTED_JOB = 'id kind status progress step message inputSummary creditsReserved createdAt';

const ORDERING: Record<string, { field: string; direction: string }> = {
  name: { field: 'NAME', direction: 'ASC' },
  '-name': { field: 'NAME', direction: 'DESC' },
  created_at: { field: 'CREATED_AT', direction: 'ASC' },
  '-created_at': { field: 'CREATED_AT', direction: 'DESC' },
  updated_at: { field: 'UPDATED_AT', direction: 'ASC' },
  '-updated_at': { field: 'UPDATED_AT', direction: 'DESC' },
};

const lower = (value: string) => value.toLowerCase();

interface Prompt {
  type: string;
  text: string;
  defaultText: string;
  [field: string]: unknown;
}

/** REST shape of a prompt: lower-case type, plus the original API's names for the same values. */
const restPrompt = (p: Prompt) => ({
  ...p,
  type: lower(p.type),
  promptType: lower(p.type),
  promptValue: p.text,
  defaultPrompt: p.defaultText,
});

const restStrategy = (s: { contentTypes: string[]; [field: string]: unknown }) => ({
  ...s,
  contentTypes: s.contentTypes.map(lower),
});

interface TestImage {
  url: string;
  job: { id: string };
  [field: string]: unknown;
}

/** REST shape of a test image: an absolute URL (clients outside the browser have no base) and the job's id. */
const restTestImage = (req: Request, { job, url, ...image }: TestImage) => ({
  ...image,
  url: new URL(url, `${req.protocol}://${req.get('host')}`).toString(),
  jobId: job.id,
});

/** An unknown prompt type in the path is a resource that does not exist, not bad input. */
async function forPromptType<T>(type: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RestFailure && error.status === 400 && error.fields?.type) {
      throw new RestFailure(404, `There is no prompt type "${type}".`);
    }
    throw error;
  }
}

/** `?page=`, `?page_size=`, `?search=` and `?ordering=` as GraphQL connection arguments. */
function listArgs(req: Request) {
  const page = pageOf(req);
  const ordering = typeof req.query.ordering === 'string' ? req.query.ordering : 'name';
  const orderBy = ORDERING[ordering];
  if (!orderBy) {
    throw new RestFailure(400, `ordering must be one of ${Object.keys(ORDERING).join(', ')}.`, {
      ordering: ['is not supported'],
    });
  }
  const search = typeof req.query.search === 'string' && req.query.search ? req.query.search : undefined;
  return { page, variables: { first: page.first, after: page.after, search, orderBy } };
}

/** The fields of `body` (snake_case) that the GraphQL input takes, in camelCase. */
function picked(body: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const input = toGraphqlInput(body) as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
}

const TEST_IMAGE_FIELDS = ['prompt', 'size', 'style'] as const;
const PROFILE_FIELDS = ['name', 'tone', 'style', 'audience', 'sampleText', 'isDefault'] as const;
const STRATEGY_FIELDS = ['name', 'description', 'contentTypes', 'rules', 'minWords', 'maxWords', 'isDefault'] as const;

function strategyInput(body: Record<string, unknown>): Record<string, unknown> {
  const input = picked(body, STRATEGY_FIELDS);
  if (Array.isArray(input.contentTypes)) input.contentTypes = input.contentTypes.map(enumValue);
  return input;
}

/** The prompt text from `text`, or `prompt_value` as the original API calls it. */
function promptText(body: Record<string, unknown>): { text: unknown; restNames: Record<string, string> } {
  if (body.text === undefined && body.prompt_value !== undefined) {
    return { text: body.prompt_value, restNames: { text: 'prompt_value', type: 'prompt_type' } };
  }
  return { text: body.text, restNames: {} };
}

export function mountThinkerRoutes(router: Router, graph: OperationRunner): void {
  const savePrompt = (req: Request, type: unknown, body: Record<string, unknown>) => {
    const { text, restNames } = promptText(body);
    return graph.run<{ savePrompt: Prompt }>(
      req,
      `mutation SavePrompt($input: SavePromptInput!) { savePrompt(input: $input) { ${PROMPT} } }`,
      { input: { type: enumValue(type), text } },
      restNames,
    );
  };

  router.get(
    '/system/prompts/',
    handle(async (req, res) => {
      const page = pageOf(req);
      const data = await graph.run<{ prompts: Prompt[] }>(req, `query Prompts { prompts { ${PROMPT} } }`);
      const start = (page.page - 1) * page.pageSize;
      sendList(req, res, data.prompts.slice(start, start + page.pageSize).map(restPrompt), data.prompts.length, page);
    }),
  );

  router.post(
    '/system/prompts/',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const type = body.type ?? body.prompt_type;
      if (typeof type !== 'string') throw new RestFailure(400, 'type is required.', { type: ['is required'] });
      const data = await savePrompt(req, type, body);
      sendData(res, restPrompt(data.savePrompt), 200, 'Prompt saved.');
    }),
  );

  router.get(
    '/system/prompts/:type/',
    handle(async (req, res) => {
      const type = String(req.params.type);
      const data = await forPromptType(type, () =>
        graph.run<{ prompt: Prompt }>(req, `query Prompt($type: PromptType!) { prompt(type: $type) { ${PROMPT} } }`, {
          type: enumValue(type),
        }),
      );
      sendData(res, restPrompt(data.prompt));
    }),
  );

  const updatePrompt = handle(async (req, res) => {
    const type = String(req.params.type);
    const data = await forPromptType(type, () => savePrompt(req, type, bodyOf(req)));
    sendData(res, restPrompt(data.savePrompt), 200, 'Prompt saved.');
  });
  router.put('/system/prompts/:type/', updatePrompt);
  router.patch('/system/prompts/:type/', updatePrompt);

  router.post(
    '/system/prompts/:type/reset/',
    handle(async (req, res) => {
      const type = String(req.params.type);
      const data = await forPromptType(type, () =>
        graph.run<{ resetPrompt: Prompt }>(
          req,
          `mutation ResetPrompt($input: ResetPromptInput!) { resetPrompt(input: $input) { ${PROMPT} } }`,
          { input: { type: enumValue(type) } },
        ),
      );
      sendData(res, restPrompt(data.resetPrompt), 200, 'Prompt reset to the default.');
    }),
  );

  router.get(
    '/system/author-profiles/',
    handle(async (req, res) => {
      const { page, variables } = listArgs(req);
      const data = await graph.run<{ authorProfiles: { totalCount: number; edges: { node: unknown }[] } }>(
        req,
        `query AuthorProfiles($first: Int, $after: String, $search: String, $orderBy: ThinkerOrder) {
          authorProfiles(first: $first, after: $after, search: $search, orderBy: $orderBy) {
            totalCount edges { node { ${AUTHOR_PROFILE} } } } }`,
        variables,
      );
      const list = data.authorProfiles;
      sendList(
        req,
        res,
        list.edges.map((e) => e.node),
        list.totalCount,
        page,
      );
    }),
  );

  router.post(
    '/system/author-profiles/',
    handle(async (req, res) => {
      const data = await graph.run<{ createAuthorProfile: unknown }>(
        req,
        `mutation CreateAuthorProfile($input: CreateAuthorProfileInput!) {
          createAuthorProfile(input: $input) { ${AUTHOR_PROFILE} } }`,
        { input: picked(bodyOf(req), PROFILE_FIELDS) },
      );
      sendData(res, data.createAuthorProfile, 201, 'Author profile created.');
    }),
  );

  router.get(
    '/system/author-profiles/:id/',
    handle(async (req, res) => {
      const data = await graph.run<{ authorProfile: unknown }>(
        req,
        `query AuthorProfile($id: ID!) { authorProfile(id: $id) { ${AUTHOR_PROFILE} } }`,
        { id: req.params.id },
      );
      sendData(res, data.authorProfile);
    }),
  );

  const updateProfile = handle(async (req, res) => {
    const data = await graph.run<{ updateAuthorProfile: unknown }>(
      req,
      `mutation UpdateAuthorProfile($input: UpdateAuthorProfileInput!) {
        updateAuthorProfile(input: $input) { ${AUTHOR_PROFILE} } }`,
      { input: { ...picked(bodyOf(req), PROFILE_FIELDS), id: req.params.id } },
    );
    sendData(res, data.updateAuthorProfile);
  });
  router.put('/system/author-profiles/:id/', updateProfile);
  router.patch('/system/author-profiles/:id/', updateProfile);

  router.delete(
    '/system/author-profiles/:id/',
    handle(async (req, res) => {
      await graph.run(
        req,
        'mutation DeleteAuthorProfile($input: DeleteAuthorProfileInput!) { deleteAuthorProfile(input: $input) }',
        { input: { id: req.params.id } },
      );
      sendNoContent(res);
    }),
  );

  router.get(
    '/system/strategies/',
    handle(async (req, res) => {
      const { page, variables } = listArgs(req);
      const data = await graph.run<{
        strategies: { totalCount: number; edges: { node: { contentTypes: string[] } }[] };
      }>(
        req,
        `query Strategies($first: Int, $after: String, $search: String, $orderBy: ThinkerOrder) {
          strategies(first: $first, after: $after, search: $search, orderBy: $orderBy) {
            totalCount edges { node { ${STRATEGY} } } } }`,
        variables,
      );
      sendList(
        req,
        res,
        data.strategies.edges.map((e) => restStrategy(e.node)),
        data.strategies.totalCount,
        page,
      );
    }),
  );

  router.post(
    '/system/strategies/',
    handle(async (req, res) => {
      const data = await graph.run<{ createStrategy: { contentTypes: string[] } }>(
        req,
        `mutation CreateStrategy($input: CreateStrategyInput!) { createStrategy(input: $input) { ${STRATEGY} } }`,
        { input: strategyInput(bodyOf(req)) },
      );
      sendData(res, restStrategy(data.createStrategy), 201, 'Strategy created.');
    }),
  );

  router.post(
    '/system/image-testing/',
    handle(async (req, res) => {
      const data = await graph.run<{ generateTestImage: unknown }>(
        req,
        `mutation GenerateTestImage($input: GenerateTestImageInput!) {
          generateTestImage(input: $input) { ${STARTED_JOB} } }`,
        { input: picked(bodyOf(req), TEST_IMAGE_FIELDS) },
      );
      // Accepted: the image is drawn in the background; GET /automation/jobs/<id>/ follows it.
      sendData(res, data.generateTestImage, 202, 'Image test started.');
    }),
  );

  router.get(
    '/system/image-testing/',
    handle(async (req, res) => {
      const page = pageOf(req);
      const data = await graph.run<{ testImages: { totalCount: number; edges: { node: TestImage }[] } }>(
        req,
        `query TestImages($first: Int, $after: String) {
          testImages(first: $first, after: $after) { totalCount edges { node { ${TEST_IMAGE} } } } }`,
        { first: page.first, after: page.after },
      );
      sendList(
        req,
        res,
        data.testImages.edges.map((e) => restTestImage(req, e.node)),
        data.testImages.totalCount,
        page,
      );
    }),
  );

  router.get(
    '/system/image-testing/:id/',
    handle(async (req, res) => {
      const data = await graph.run<{ testImage: TestImage }>(
        req,
        `query TestImage($id: ID!) { testImage(id: $id) { ${TEST_IMAGE} } }`,
        { id: req.params.id },
      );
      sendData(res, restTestImage(req, data.testImage));
    }),
  );

  router.get(
    '/system/strategies/:id/',
    handle(async (req, res) => {
      const data = await graph.run<{ strategy: { contentTypes: string[] } }>(
        req,
        `query Strategy($id: ID!) { strategy(id: $id) { ${STRATEGY} } }`,
        { id: req.params.id },
      );
      sendData(res, restStrategy(data.strategy));
    }),
  );

  const updateStrategy = handle(async (req, res) => {
    const data = await graph.run<{ updateStrategy: { contentTypes: string[] } }>(
      req,
      `mutation UpdateStrategy($input: UpdateStrategyInput!) { updateStrategy(input: $input) { ${STRATEGY} } }`,
      { input: { ...strategyInput(bodyOf(req)), id: req.params.id } },
    );
    sendData(res, restStrategy(data.updateStrategy));
  });
  router.put('/system/strategies/:id/', updateStrategy);
  router.patch('/system/strategies/:id/', updateStrategy);

  router.delete(
    '/system/strategies/:id/',
    handle(async (req, res) => {
      await graph.run(req, 'mutation DeleteStrategy($input: DeleteStrategyInput!) { deleteStrategy(input: $input) }', {
        input: { id: req.params.id },
      });
      sendNoContent(res);
    }),
  );
}
