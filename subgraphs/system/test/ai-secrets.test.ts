// The encryption of stored AI API keys: a round trip, and refusals of anything altered or moved.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AiSecretError, createAiSecretBox } from '../src/domain/ai-secrets.js';

const ACCOUNT_A = '0190c0de-0000-7000-8000-00000000000a';
const ACCOUNT_B = '0190c0de-0000-7000-8000-00000000000b';
const KEY = 'sk-test-0123456789abcdef';

describe('AI secret box', () => {
  const box = createAiSecretBox(randomBytes(48));

  it('decrypts what it encrypted, and never stores the key in the clear', () => {
    const stored = box.encrypt(ACCOUNT_A, KEY);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(Buffer.from(KEY).toString('base64url'));
    expect(box.decrypt(ACCOUNT_A, stored)).toBe(KEY);
  });

  it('uses a fresh IV each time: the same key encrypts differently', () => {
    expect(box.encrypt(ACCOUNT_A, KEY)).not.toBe(box.encrypt(ACCOUNT_A, KEY));
  });

  it('refuses a ciphertext that was altered', () => {
    const [version, iv, tag, ciphertext] = box.encrypt(ACCOUNT_A, KEY).split('.') as [string, string, string, string];
    const bytes = Buffer.from(ciphertext, 'base64url');
    bytes[0]! ^= 1;
    const tampered = [version, iv, tag, bytes.toString('base64url')].join('.');
    expect(() => box.decrypt(ACCOUNT_A, tampered)).toThrow(AiSecretError);
    expect(() => box.decrypt(ACCOUNT_A, tampered)).toThrow(/could not be decrypted.*enter it again/);
    expect(() => box.decrypt(ACCOUNT_A, 'not-a-stored-key')).toThrow(AiSecretError);
  });

  it("refuses another account's ciphertext (the account id is bound to it)", () => {
    const stored = box.encrypt(ACCOUNT_A, KEY);
    expect(() => box.decrypt(ACCOUNT_B, stored)).toThrow(AiSecretError);
  });

  it('refuses a ciphertext made under another service secret', () => {
    const stored = box.encrypt(ACCOUNT_A, KEY);
    expect(() => createAiSecretBox(randomBytes(48)).decrypt(ACCOUNT_A, stored)).toThrow(AiSecretError);
  });
});
