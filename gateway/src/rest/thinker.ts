// /api/v1/system/prompts/, /system/author-profiles/, /system/strategies/ and
// /system/image-testing/: the original's Thinker.
import type { Router } from 'express';
import { RestFailure } from './envelope.js';
import {
  RestAuthorProfileDocument,
  RestAuthorProfilesDocument,
  RestCreateAuthorProfileDocument,
  RestCreateStrategyDocument,
  RestDeleteAuthorProfileDocument,
  RestDeleteStrategyDocument,
  RestGenerateTestImageDocument,
  RestPromptDocument,
  type RestPromptFragment,
  RestPromptsDocument,
  RestResetPromptDocument,
  RestSavePromptDocument,
  RestStrategiesDocument,
  RestStrategyDocument,
  RestTestImageDocument,
  type RestTestImageFragment,
  RestTestImagesDocument,
  RestUpdateAuthorProfileDocument,
  RestUpdateStrategyDocument,
} from './gql/graphql.js';
import {
  action,
  type Call,
  create,
  get,
  list,
  mountRoutes,
  type RestCased,
  remove,
  startJob,
  update,
} from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const ORDERING = { fields: ['name', 'created_at', 'updated_at'], default: 'name' };

/** REST shape of a prompt, plus the original API's names for the same values. */
const restPrompt = (p: RestCased<RestPromptFragment>) => ({
  ...p,
  promptType: p.type,
  promptValue: p.text,
  defaultPrompt: p.defaultText,
});

/** REST shape of a test image: an absolute URL (clients outside the browser have no base) and the job's id. */
const restTestImage = ({ job, url, ...image }: RestCased<RestTestImageFragment>, { req }: Call) => ({
  ...image,
  url: new URL(url, `${req.protocol}://${req.get('host')}`).toString(),
  jobId: job.id,
});

/** The prompt text from `text`, or `prompt_value` as the original API calls it. */
const promptInput = ({ body }: Call, type: unknown) => ({
  input: { type, text: body.text === undefined ? body.prompt_value : body.text },
});
const promptNames = ({ body }: Call): Record<string, string> =>
  body.text === undefined && body.prompt_value !== undefined ? { text: 'prompt_value', type: 'prompt_type' } : {};
const noPromptType = ({ type }: Record<string, string>) => `There is no prompt type "${type}".`;

/** `?page=`, `?page_size=`, `?search=` and `?ordering=` of the Thinker's libraries. */
const libraryArgs = ({ query }: Call) => ({ search: query.text('search'), orderBy: query.ordering(ORDERING) });

export function mountThinkerRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    list({ path: '/system/prompts/', operation: RestPromptsDocument, item: restPrompt }),
    action({
      // save_prompt/: the original's action for the same.
      path: ['/system/prompts/', '/system/prompts/save_prompt/'],
      operation: RestSavePromptDocument,
      variables: (call) => {
        const type = call.body.type ?? call.body.prompt_type;
        if (typeof type !== 'string') throw new RestFailure(400, 'type is required.', { type: ['is required'] });
        return promptInput(call, type);
      },
      restNames: promptNames,
      answer: (data) => restPrompt(data.savePrompt),
      message: 'Prompt saved.',
    }),
    // reset_prompt/ {type}: the original's action; `<type>/reset/` below is the same.
    action({
      path: '/system/prompts/reset_prompt/',
      operation: RestResetPromptDocument,
      variables: (call) => {
        const type = call.body.type ?? call.body.prompt_type;
        if (typeof type !== 'string') throw new RestFailure(400, 'type is required.', { type: ['is required'] });
        return { input: { type } };
      },
      restNames: { type: 'type' },
      answer: (data) => restPrompt(data.resetPrompt),
      message: 'Prompt reset to the default.',
    }),
    get({
      // by_type/<type>/: the original's name for the same.
      path: ['/system/prompts/:type/', '/system/prompts/by_type/:type/'],
      operation: RestPromptDocument,
      variables: (call) => ({ type: call.params.type }),
      answer: (data) => restPrompt(data.prompt),
      notFound: noPromptType,
    }),
    update({
      path: '/system/prompts/:type/',
      operation: RestSavePromptDocument,
      variables: (call) => promptInput(call, call.params.type),
      restNames: promptNames,
      answer: (data) => restPrompt(data.savePrompt),
      message: 'Prompt saved.',
      notFound: noPromptType,
    }),
    action({
      path: '/system/prompts/:type/reset/',
      operation: RestResetPromptDocument,
      variables: (call) => ({ input: { type: call.params.type } }),
      answer: (data) => restPrompt(data.resetPrompt),
      message: 'Prompt reset to the default.',
      notFound: noPromptType,
    }),

    list({ path: '/system/author-profiles/', operation: RestAuthorProfilesDocument, variables: libraryArgs }),
    create({
      path: '/system/author-profiles/',
      operation: RestCreateAuthorProfileDocument,
      variables: (call) => ({ input: call.body }),
      message: 'Author profile created.',
    }),
    get({
      path: '/system/author-profiles/:id/',
      operation: RestAuthorProfileDocument,
      variables: (call) => ({ id: call.params.id }),
      notFound: 'Author profile not found.',
    }),
    update({
      path: '/system/author-profiles/:id/',
      operation: RestUpdateAuthorProfileDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      notFound: 'Author profile not found.',
    }),
    remove({
      path: '/system/author-profiles/:id/',
      operation: RestDeleteAuthorProfileDocument,
      variables: (call) => ({ input: { id: call.params.id } }),
      notFound: 'Author profile not found.',
    }),

    list({ path: '/system/strategies/', operation: RestStrategiesDocument, variables: libraryArgs }),
    create({
      path: '/system/strategies/',
      operation: RestCreateStrategyDocument,
      variables: (call) => ({ input: call.body }),
      message: 'Strategy created.',
    }),
    get({
      path: '/system/strategies/:id/',
      operation: RestStrategyDocument,
      variables: (call) => ({ id: call.params.id }),
      notFound: 'Strategy not found.',
    }),
    update({
      path: '/system/strategies/:id/',
      operation: RestUpdateStrategyDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      notFound: 'Strategy not found.',
    }),
    remove({
      path: '/system/strategies/:id/',
      operation: RestDeleteStrategyDocument,
      variables: (call) => ({ input: { id: call.params.id } }),
      notFound: 'Strategy not found.',
    }),

    startJob({
      path: '/system/image-testing/',
      operation: RestGenerateTestImageDocument,
      variables: (call) => ({ input: call.body }),
      message: 'Image test started.',
    }),
    list({ path: '/system/image-testing/', operation: RestTestImagesDocument, item: restTestImage }),
    get({
      path: '/system/image-testing/:id/',
      operation: RestTestImageDocument,
      variables: (call) => ({ id: call.params.id }),
      answer: (data, call) => restTestImage(data.testImage, call),
      notFound: 'Test image not found.',
    }),
  ]);
}
