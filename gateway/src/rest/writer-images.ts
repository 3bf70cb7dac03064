// /api/v1/writer/images/: articles' images (list, one, edit, delete), rendering them, each one's
// file, and uploads of a person's own image; /api/v1/writer/content/generate_image_prompts/.
// An upload is the raw image as the request body (Content-Type image/png, image/jpeg or
// image/webp), streamed through to the writer's upload route, which re-encodes and stores it.
import { IMAGE_UPLOAD_PATH, MAX_UPLOAD_BYTES } from '@igny8/writer/upload';
import type { Request, Response, Router } from 'express';
import { request } from 'undici';
import type { CredentialResolver } from '../credentials.js';
import type { FileProxy } from '../files.js';
import { RestFailure, STATUS_BY_CODE, sendData } from './envelope.js';
import {
  RestDeleteImagesDocument,
  RestGenerateImagePromptsDocument,
  RestGenerateImagesDocument,
  RestImageDocument,
  RestImagesDocument,
  RestRegenerateImageDocument,
  RestUpdateImageDocument,
} from './gql/graphql.js';
import { idsOf } from './kit/params.js';
import { type Call, custom, get, list, mountRoutes, remove, startJob, update } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const PATH = '/writer/images/';
const NOT_FOUND = 'Image not found.';

export interface WriterImageOptions {
  /** The writer subgraph's GraphQL URL; uploads go to its origin. Absent: the gateway serves no writer. */
  writerGraphqlUrl: string | undefined;
  credentials: CredentialResolver;
}

const filterOf = (call: Call) => ({
  content_id: call.query.text('content_id'),
  task_id: call.query.text('task_id'),
  site_id: call.query.text('site_id'),
  // image_type: the original's name for the kind.
  kind: call.query.text('image_type') ?? call.query.text('kind'),
  status: call.query.text('status'),
});

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** 413, and the connection closed once it is answered: the rest of the body is not waited for. */
function refuseTooLarge(req: Request, res: Response): never {
  res.set('Connection', 'close');
  res.once('finish', () => req.socket?.destroy());
  throw new RestFailure(
    413,
    `The image is larger than ${megabytes(MAX_UPLOAD_BYTES)}: make it smaller (fewer pixels, or JPEG or WebP) and upload it again.`,
    { file: [`must be at most ${megabytes(MAX_UPLOAD_BYTES)}`] },
  );
}

/** The upload (a few MB at most, so read whole), refused as soon as it grows past the limit. */
async function readImage(req: Request, res: Response): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    received += (chunk as Buffer).length;
    if (received > MAX_UPLOAD_BYTES) refuseTooLarge(req, res);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mountWriterImageRoutes(
  router: Router,
  graph: OperationRunner,
  files: FileProxy,
  options: WriterImageOptions,
): void {
  const target = options.writerGraphqlUrl ? new URL(IMAGE_UPLOAD_PATH, options.writerGraphqlUrl) : null;
  mountRoutes(router, graph, [
    list({
      path: PATH,
      operation: RestImagesDocument,
      variables: (call) => {
        const f = filterOf(call);
        return {
          filter: { ...f, kind: f.kind ? [f.kind] : undefined, status: f.status ? [f.status] : undefined },
        };
      },
    }),
    startJob({
      path: `${PATH}generate_images/`,
      operation: RestGenerateImagesDocument,
      variables: ({ body }) => ({
        input: body.content_ids ? { content_ids: idsOf(body, 'content_ids') } : { image_ids: idsOf(body) },
      }),
      restNames: { imageIds: 'ids' },
      message: 'Image generation started.',
    }),
    custom({
      method: 'post',
      path: `${PATH}upload/`,
      async handle(call, res) {
        const { req } = call;
        // A declared length over the limit is refused before anything is read.
        if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES) refuseTooLarge(req, res);
        const credential = await options.credentials.forRequest(req);
        if (!credential) {
          throw new RestFailure(401, 'Authentication required: send "Authorization: Bearer <token>" or an API key.');
        }
        if (!target) throw new RestFailure(503, 'This gateway has no writer subgraph to upload images to.');
        const url = new URL(target);
        for (const [rest, name] of [
          ['content_id', 'contentId'],
          ['image_type', 'kind'],
          ['alt_text', 'altText'],
          ['caption', 'caption'],
        ] as const) {
          const value = call.query.text(rest);
          if (value) url.searchParams.set(name, value);
        }
        const file = await readImage(req, res);
        let answer: { id?: string; code?: string; message?: string; fields?: Record<string, string[]> };
        try {
          const response = await request(url, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${credential.accessToken}`,
              'x-request-id': String(req.headers['x-request-id']),
              'content-type': 'application/octet-stream',
            },
            body: file,
          });
          answer = (await response.body.json().catch(() => ({}))) as typeof answer;
          if (response.statusCode !== 201) {
            throw new RestFailure(
              (answer.code && STATUS_BY_CODE[answer.code]) || response.statusCode,
              answer.message ?? `The writer answered ${response.statusCode}.`,
              answer.fields,
            );
          }
        } catch (error) {
          if (error instanceof RestFailure) throw error;
          throw new RestFailure(
            503,
            'The writer is unavailable right now; try the upload again shortly.',
            undefined,
            5,
          );
        }
        const data = await call.run(RestImageDocument, { id: answer.id });
        sendData(res, data.image, 201, 'Image uploaded.');
      },
    }),
    startJob({
      path: `${PATH}:id/regenerate/`,
      operation: RestRegenerateImageDocument,
      variables: ({ body, params }) => ({ input: { id: params.id, prompt: body.prompt } }),
      message: 'Image regeneration started.',
      notFound: NOT_FOUND,
    }),
    custom({
      method: 'get',
      path: `${PATH}:id/file/`,
      notFound: NOT_FOUND,
      async handle(call, res) {
        const data = await call.run(RestImageDocument, { id: call.params.id });
        if (!data.image?.url) throw new RestFailure(404, 'This image has no file yet: generate or upload it first.');
        await files.forward(call.req, res, data.image.url);
      },
    }),
    get({
      path: `${PATH}:id/`,
      operation: RestImageDocument,
      variables: (call) => ({ id: call.params.id }),
      notFound: NOT_FOUND,
    }),
    update({
      path: `${PATH}:id/`,
      operation: RestUpdateImageDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      notFound: NOT_FOUND,
    }),
    remove({
      path: `${PATH}:id/`,
      operation: RestDeleteImagesDocument,
      variables: (call) => ({ input: { ids: [call.params.id] } }),
      restNames: { ids: 'id' },
      notFound: NOT_FOUND,
      found: (data) => data.deleteImages.deletedCount > 0,
    }),
    startJob({
      path: '/writer/content/generate_image_prompts/',
      operation: RestGenerateImagePromptsDocument,
      variables: ({ body }) => ({
        input: { content_ids: idsOf(body), in_article_count: body.in_article_count },
      }),
      restNames: { contentIds: 'ids' },
      message: 'Image prompt generation started.',
    }),
  ]);
}
