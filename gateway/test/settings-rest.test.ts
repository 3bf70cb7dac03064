// The original's three levels of settings under /api/v1/system/settings/: system (the platform's,
// for its operator), account (the account's, owners and admins change them) and user (the
// signed-in member's profile and preferences, theirs alone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, PASSWORD, registerOwner, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const OPERATOR = { email: uniqueEmail('operator'), password: PASSWORD };

describe('gateway: REST /api/v1/system/settings/', () => {
  let p: Platform;
  let owner: Session;
  let editor: Session;
  let operatorToken: string;

  beforeAll(async () => {
    p = await startPlatform({ system: { SUPERUSER_EMAIL: OPERATOR.email, SUPERUSER_PASSWORD: OPERATOR.password } });
    owner = await registerOwner(p, 'Settings Agency');
    await setPlan(p, owner.accountId, 'growth');
    editor = await addMember(p, owner, 'EDITOR');
    operatorToken = (await p.rest('POST', '/auth/login/', { body: OPERATOR })).body.data.access;
  });
  afterAll(() => p?.close());

  it("shows the platform's settings to its operator only, never a secret", async () => {
    const res = await p.rest('GET', '/system/settings/system/', { token: operatorToken });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({
      ai_provider: 'offline',
      mail_delivery: 'outbox',
      public_url: p.url,
      login_limit_per_email: expect.any(Number),
    });
    expect(JSON.stringify(res.body.data)).not.toMatch(/key|secret|password/i);
    const refused = await p.rest('GET', '/system/settings/system/', { token: owner.token });
    expect(refused.status).toBe(403);
    expect(refused.body.success).toBe(false);
  });

  it("reads and changes the account's settings (owners and admins), refusing unknown ones", async () => {
    const read = await p.rest('GET', '/system/settings/account/', { token: editor.token });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id: owner.accountId, name: 'Settings Agency' });
    const saved = await p.rest('PATCH', '/system/settings/account/', {
      token: owner.token,
      body: { timezone: 'Europe/Berlin' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ message: 'Settings saved.', data: { timezone: 'Europe/Berlin' } });
    const bad = await p.rest('PATCH', '/system/settings/account/', {
      token: owner.token,
      body: { timezone: 'Mars/Base' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('timezone');
    const unknown = await p.rest('PATCH', '/system/settings/account/', { token: owner.token, body: { colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('Unknown settings: colour.');
    expect(
      (await p.rest('PATCH', '/system/settings/account/', { token: editor.token, body: { timezone: 'UTC' } })).status,
    ).toBe(403);
  });

  it("keeps each member's own profile and preferences", async () => {
    const saved = await p.rest('PUT', '/system/settings/user/', {
      token: editor.token,
      body: { first_name: 'Edie', preferences: { theme: 'dark', pageSize: 50 } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ message: 'Settings saved.', data: { first_name: 'Edie' } });
    const read = await p.rest('GET', '/system/settings/user/', { token: editor.token });
    expect(read.body.data).toMatchObject({ email: editor.email, first_name: 'Edie' });
    expect(read.body.data.preferences).toMatchObject({ theme: 'dark' });
    // The owner's are the owner's: empty, not the editor's.
    expect((await p.rest('GET', '/system/settings/user/', { token: owner.token })).body.data.preferences).toEqual({});
  });

  it('refuses user settings it cannot keep, saying what to send', async () => {
    const empty = await p.rest('PATCH', '/system/settings/user/', { token: editor.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('Send the settings to change: first_name, last_name, username or preferences.');
    const unknown = await p.rest('PATCH', '/system/settings/user/', { token: editor.token, body: { theme: 'dark' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('Unknown settings: theme. Put your own keys under preferences.');
    const notObject = await p.rest('PATCH', '/system/settings/user/', {
      token: editor.token,
      body: { preferences: ['dark'] },
    });
    expect(notObject.status).toBe(400);
    expect(notObject.body.errors).toEqual({ preferences: ['must be a JSON object'] });
  });
});
