// The AI API keys accounts store: encrypted at rest with AES-256-GCM under a key derived from the
// service secret, so a database dump alone reveals none of them. The account id is the associated
// data: a ciphertext copied into another account's row does not decrypt there.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored key that does not decrypt: tampered with, moved to another account, or the service secret changed. */
export class AiSecretError extends Error {
  override readonly name = 'AiSecretError';
}

export interface AiSecretBox {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url; a fresh random IV each time. */
  encrypt(accountId: string, plaintext: string): string;
  decrypt(accountId: string, stored: string): string;
}

/** A box keyed by the service secret; its own derived key, so the secret's other uses sign nothing here. */
export function createAiSecretBox(serviceSecret: Uint8Array): AiSecretBox {
  const key = Buffer.from(hkdfSync('sha256', serviceSecret, new Uint8Array(0), 'ai-settings-keys', 32));
  return {
    encrypt(accountId, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(accountId, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(accountId, stored) {
      const [version, iv, tag, ciphertext, ...rest] = stored.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length) {
        throw new AiSecretError('The stored AI API key is not in a format this version reads.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(accountId, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (error) {
        throw new AiSecretError(
          'The stored AI API key could not be decrypted (it was altered, or the service secret changed); enter it again in AI settings.',
          { cause: error },
        );
      }
    },
  };
}
