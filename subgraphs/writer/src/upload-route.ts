// POST /uploads/images?contentId=…&kind=featured|in_article[&altText=…&caption=…]: a person's own
// image as the raw request body (the gateway pipes REST uploads here). At most MAX_UPLOAD_BYTES:
// a larger declared length is refused before anything is read, and a body that grows past it is
// cut off. Answers `{ id }` of the image, or `{ code, message, fields }`.
import {
  type AccessTokenVerifier,
  BadUserInputError,
  bearerToken,
  callerFrom,
  DomainError,
  ForbiddenError,
  HTTP_STATUS_BY_CODE,
  hasRole,
  type Logger,
  REQUEST_ID_HEADER,
  UnauthenticatedError,
} from '@igny8/lib';
import type { Express, Request, Response } from 'express';
import { uploadImage } from './domain/images.js';
import type { WriterServices } from './domain/services.js';
import { uuid } from './domain/validation.js';
import { IMAGE_UPLOAD_PATH, MAX_UPLOAD_BYTES } from './upload-limits.js';

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

class FileTooLargeError extends Error {
  constructor() {
    super(
      `The image is larger than ${megabytes(MAX_UPLOAD_BYTES)}: make it smaller (fewer pixels, or JPEG or WebP) and upload it again.`,
    );
  }
}

function targetOf(req: Request) {
  const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
  const contentId = query('contentId');
  if (!contentId || !uuid.safeParse(contentId).success) {
    throw BadUserInputError.field('contentId', 'must be the id of the article the image belongs to');
  }
  const kind = query('kind') ?? 'in_article';
  if (kind !== 'featured' && kind !== 'in_article')
    throw BadUserInputError.field('kind', 'must be featured or in_article');
  const text = (name: string) => query(name)?.trim().slice(0, 300);
  return { contentId, kind, altText: text('altText'), caption: text('caption') } as const;
}

/** The whole body, or FileTooLargeError as soon as it grows past the limit. */
async function readLimited(req: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    received += (chunk as Buffer).length;
    if (received > MAX_UPLOAD_BYTES) throw new FileTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mountImageUploadRoute(app: Express, s: WriterServices, verify: AccessTokenVerifier, log: Logger) {
  app.post(IMAGE_UPLOAD_PATH, async (req: Request, res: Response) => {
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '');
    try {
      if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES) throw new FileTooLargeError();
      const token = bearerToken(req.headers.authorization);
      if (!token) throw new UnauthenticatedError();
      const principal = await verify(token);
      if (!hasRole(principal, 'editor') || !principal.scopes.includes('write')) {
        throw new ForbiddenError('Your role does not allow this. Ask an account owner or admin.');
      }
      const target = targetOf(req);
      const data = await readLimited(req);
      if (data.length === 0) throw BadUserInputError.field('file', 'is empty: send the image as the request body');
      const image = await uploadImage(s, callerFrom(principal, requestId, new Map()), target, data);
      res.status(201).json({ id: image.id });
    } catch (error) {
      // Refused before the body was read: the answer goes out, the rest is not waited for.
      if (!req.complete) {
        res.set('Connection', 'close');
        res.once('finish', () => req.socket.destroy());
      }
      if (error instanceof FileTooLargeError) {
        res.status(413).json({
          code: 'PAYLOAD_TOO_LARGE',
          message: error.message,
          fields: { file: [`must be at most ${megabytes(MAX_UPLOAD_BYTES)}`] },
        });
        return;
      }
      if (error instanceof DomainError) {
        res
          .status(HTTP_STATUS_BY_CODE[error.code])
          .json({ code: error.code, message: error.message, ...error.extensions() });
        return;
      }
      log.error({ err: error, requestId }, 'image upload failed');
      res
        .status(500)
        .json({ code: 'INTERNAL_SERVER_ERROR', message: 'The upload failed on our side; it has been logged.' });
    }
  });
}
