// Thinker over GraphQL against the real system subgraph: prompts (defaults, overrides, resets and
// the variables they may use), author profiles (plan limit), strategies (validation), roles,
// tenancy and the module switch.
import { authorProfiles } from '@igny8/db/system';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPromptText, PROMPT_CATALOG, PROMPT_TYPES } from '../src/domain/prompts-catalog.js';
import { setAccountPlan } from '../src/server.js';
import { PASSWORD, registerOwner, type Session, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const PROMPT_FIELDS =
  'type label text defaultText isCustomised description updatedAt updatedBy { id } variables { name required }';
const PROMPTS = `{ prompts { ${PROMPT_FIELDS} } }`;
const PROMPT = `query($type: PromptType!) { prompt(type: $type) { ${PROMPT_FIELDS} } }`;
const SAVE = `mutation($input: SavePromptInput!) { savePrompt(input: $input) { ${PROMPT_FIELDS} } }`;
const RESET = `mutation($input: ResetPromptInput!) { resetPrompt(input: $input) { ${PROMPT_FIELDS} } }`;

const PROFILE_FIELDS = 'id name tone style audience sampleText isDefault';
const PROFILES = `query($search: String) { authorProfiles(search: $search, first: 50) { totalCount edges { node { ${PROFILE_FIELDS} } } } }`;
const PROFILE = `query($id: ID!) { authorProfile(id: $id) { ${PROFILE_FIELDS} } }`;
const CREATE_PROFILE = `mutation($input: CreateAuthorProfileInput!) { createAuthorProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const UPDATE_PROFILE = `mutation($input: UpdateAuthorProfileInput!) { updateAuthorProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const DELETE_PROFILE = `mutation($input: DeleteAuthorProfileInput!) { deleteAuthorProfile(input: $input) }`;

const STRATEGY_FIELDS = 'id name description contentTypes rules minWords maxWords isDefault';
const STRATEGIES = `{ strategies(first: 50) { totalCount edges { node { ${STRATEGY_FIELDS} } } } }`;
const CREATE_STRATEGY = `mutation($input: CreateStrategyInput!) { createStrategy(input: $input) { ${STRATEGY_FIELDS} } }`;
const UPDATE_STRATEGY = `mutation($input: UpdateStrategyInput!) { updateStrategy(input: $input) { ${STRATEGY_FIELDS} } }`;
const DELETE_STRATEGY = `mutation($input: DeleteStrategyInput!) { deleteStrategy(input: $input) }`;

const SET_MODULE = `mutation($input: SetModuleEnabledInput!) { setModuleEnabled(input: $input) { enabledModules } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl } }`;
const ACCEPT = `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken } }`;

const CONTENT_OVERRIDE =
  'Write "{{title}}" for {{primary_keyword}} in about {{word_count}} words, as {{author_profile}}.';

describe('prompt catalogue', () => {
  it('ships a default for every type that uses all of its required variables and nothing else', () => {
    for (const type of PROMPT_TYPES) {
      expect(checkPromptText(type, PROMPT_CATALOG[type].defaultText), type).toEqual({
        unknown: [],
        missing: [],
        malformed: [],
      });
    }
  });

  it('finds unknown, missing and malformed placeholders', () => {
    expect(checkPromptText('content', 'About {{ title }} and {{topic}}, {{bad name}} {{primary_keyword')).toEqual({
      unknown: ['topic'],
      missing: ['primary_keyword'],
      malformed: ['{{bad name}}', '{{ without a closing }}'],
    });
  });
});

describe('system subgraph: Thinker', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys.close());

  const setPlan = (accountId: string, slug: string) => setAccountPlan(sys.server.services, accountId, slug);

  /** Invites someone with `role` into `by`'s account; returns their token. */
  const member = async (by: Session, role: 'EDITOR' | 'VIEWER') => {
    const invited = await sys.gql(INVITE, { input: { email: uniqueEmail(role.toLowerCase()), role } }, by.token);
    if (invited.errors) throw new Error(JSON.stringify(invited.errors));
    const token = new URL(invited.data.inviteMember.inviteUrl).searchParams.get('token');
    const accepted = await sys.gql(ACCEPT, { input: { token, password: PASSWORD } });
    if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
    return accepted.data.acceptInvite.accessToken as string;
  };

  const errorOf = (res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => res.errors?.[0];

  describe('prompts', () => {
    it('lists every prompt type with its default text, not customised', async () => {
      const owner = await registerOwner(sys);
      const res = await sys.gql(PROMPTS, {}, owner.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.prompts.map((p: { type: string }) => p.type)).toEqual([
        'CLUSTERING',
        'IDEAS',
        'CONTENT',
        'IMAGE_PROMPT',
        'IMAGE',
        'OPTIMIZE',
        'LINKING',
      ]);
      for (const prompt of res.data.prompts) {
        expect(prompt).toMatchObject({ isCustomised: false, updatedAt: null, updatedBy: null });
        expect(prompt.text).toBe(prompt.defaultText);
        expect(prompt.label).not.toBe('');
        expect(prompt.description).not.toBe('');
      }
      const content = res.data.prompts.find((p: { type: string }) => p.type === 'CONTENT');
      expect(content.variables).toEqual(
        expect.arrayContaining([
          { name: 'title', required: true },
          { name: 'primary_keyword', required: true },
          { name: 'author_profile', required: false },
          { name: 'word_count', required: false },
        ]),
      );
    });

    it('saves an override that only this account sees, and resets it to the default', async () => {
      const owner = await registerOwner(sys);
      const other = await registerOwner(sys, 'Other Agency');
      const saved = await sys.gql(SAVE, { input: { type: 'CONTENT', text: `  ${CONTENT_OVERRIDE}\n` } }, owner.token);
      expect(saved.errors).toBeUndefined();
      expect(saved.data.savePrompt).toMatchObject({
        type: 'CONTENT',
        text: CONTENT_OVERRIDE,
        isCustomised: true,
        updatedBy: { id: owner.userId },
      });
      expect(saved.data.savePrompt.updatedAt).toEqual(expect.any(String));
      expect(saved.data.savePrompt.defaultText).toBe(PROMPT_CATALOG.content.defaultText);

      const read = await sys.gql(PROMPT, { type: 'CONTENT' }, owner.token);
      expect(read.data.prompt).toMatchObject({ text: CONTENT_OVERRIDE, isCustomised: true });
      const listed = await sys.gql(PROMPTS, {}, owner.token);
      expect(listed.data.prompts.filter((p: { isCustomised: boolean }) => p.isCustomised)).toHaveLength(1);
      const elsewhere = await sys.gql(PROMPT, { type: 'CONTENT' }, other.token);
      expect(elsewhere.data.prompt).toMatchObject({ isCustomised: false, text: PROMPT_CATALOG.content.defaultText });

      const reset = await sys.gql(RESET, { input: { type: 'CONTENT' } }, owner.token);
      expect(reset.data.resetPrompt).toMatchObject({
        isCustomised: false,
        text: PROMPT_CATALOG.content.defaultText,
        updatedAt: null,
      });
      expect((await sys.gql(PROMPT, { type: 'CONTENT' }, owner.token)).data.prompt.isCustomised).toBe(false);
    });

    it('treats saving the default text as a reset', async () => {
      const owner = await registerOwner(sys);
      await sys.gql(SAVE, { input: { type: 'IMAGE', text: 'A photo: {{image_prompt}}' } }, owner.token);
      const saved = await sys.gql(
        SAVE,
        { input: { type: 'IMAGE', text: PROMPT_CATALOG.image.defaultText } },
        owner.token,
      );
      expect(saved.data.savePrompt).toMatchObject({ isCustomised: false, updatedAt: null });
    });

    it('refuses an unknown variable, naming it and the ones the prompt can use', async () => {
      const owner = await registerOwner(sys);
      const res = await sys.gql(
        SAVE,
        { input: { type: 'IMAGE', text: 'Draw {{image_prompt}} for {{audience}}' } },
        owner.token,
      );
      const error = errorOf(res);
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.message).toContain('unknown variable {{audience}}');
      expect(error?.message).toContain('{{image_prompt}}, {{image_type}}, {{image_style}}, {{title}}');
      expect(error?.extensions?.fields).toEqual({ text: [expect.stringContaining('{{audience}}')] });
      expect((await sys.gql(PROMPT, { type: 'IMAGE' }, owner.token)).data.prompt.isCustomised).toBe(false);
    });

    it('refuses a text without a required variable, a malformed placeholder, an empty or an overlong text', async () => {
      const owner = await registerOwner(sys);
      const save = (type: string, text: string) => sys.gql(SAVE, { input: { type, text } }, owner.token);

      const missing = errorOf(await save('LINKING', 'Add links to {{content}}.'));
      expect(missing?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(missing?.message).toContain('must use {{candidates}}');

      const malformed = errorOf(await save('IMAGE', 'Draw {{image_prompt}} in {{ image style }}'));
      expect(malformed?.message).toContain('{{image style}}');

      expect(errorOf(await save('IMAGE', '   '))?.extensions?.fields).toEqual({ text: ['is required'] });
      const long = errorOf(await save('IMAGE', `{{image_prompt}} ${'x'.repeat(20_000)}`));
      expect(long?.extensions?.fields).toEqual({ text: ['must be at most 20,000 characters'] });
    });

    it('refuses a prompt type that does not exist', async () => {
      const owner = await registerOwner(sys);
      const res = await sys.gql(PROMPT, { type: 'HAIKU' }, owner.token);
      expect(errorOf(res)?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('author profiles', () => {
    it('creates, edits, lists and deletes a profile; names are unique per account in any case', async () => {
      const owner = await registerOwner(sys);
      await setPlan(owner.accountId, 'growth');
      const created = await sys.gql(
        CREATE_PROFILE,
        {
          input: {
            name: '  Dr. Green  ',
            tone: 'Warm, expert',
            style: 'Short sentences',
            audience: 'Home gardeners',
            sampleText: 'Roses love morning sun.',
            isDefault: true,
          },
        },
        owner.token,
      );
      expect(created.errors).toBeUndefined();
      const profile = created.data.createAuthorProfile;
      expect(profile).toMatchObject({ name: 'Dr. Green', tone: 'Warm, expert', isDefault: true });

      const clash = await sys.gql(CREATE_PROFILE, { input: { name: 'DR. GREEN' } }, owner.token);
      expect(errorOf(clash)?.extensions).toMatchObject({ code: 'CONFLICT', fields: { name: ['is already used'] } });

      // A second default takes the place of the first.
      const second = await sys.gql(CREATE_PROFILE, { input: { name: 'Budget Bob', isDefault: true } }, owner.token);
      expect(second.data.createAuthorProfile).toMatchObject({ isDefault: true, tone: '', sampleText: '' });
      expect((await sys.gql(PROFILE, { id: profile.id }, owner.token)).data.authorProfile.isDefault).toBe(false);

      const updated = await sys.gql(
        UPDATE_PROFILE,
        { input: { id: profile.id, audience: 'Balcony gardeners', isDefault: true } },
        owner.token,
      );
      expect(updated.data.updateAuthorProfile).toMatchObject({
        name: 'Dr. Green',
        tone: 'Warm, expert',
        audience: 'Balcony gardeners',
        isDefault: true,
      });
      const list = await sys.gql(PROFILES, {}, owner.token);
      expect(list.data.authorProfiles.totalCount).toBe(2);
      expect(list.data.authorProfiles.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
        'Budget Bob',
        'Dr. Green',
      ]);
      expect(
        list.data.authorProfiles.edges.filter((e: { node: { isDefault: boolean } }) => e.node.isDefault),
      ).toHaveLength(1);
      const found = await sys.gql(PROFILES, { search: 'balcony' }, owner.token);
      expect(found.data.authorProfiles.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([profile.id]);

      const deleted = await sys.gql(DELETE_PROFILE, { input: { id: profile.id } }, owner.token);
      expect(deleted.data.deleteAuthorProfile).toBe(profile.id);
      expect(errorOf(await sys.gql(PROFILE, { id: profile.id }, owner.token))?.extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses bad input naming the field', async () => {
      const owner = await registerOwner(sys);
      const res = await sys.gql(CREATE_PROFILE, { input: { name: ' ', sampleText: 'x'.repeat(5_001) } }, owner.token);
      expect(errorOf(res)?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { name: ['is required'], sampleText: ['must be at most 5,000 characters'] },
      });
    });

    it("refuses a profile beyond the plan's limit with a message saying why", async () => {
      const owner = await registerOwner(sys);
      expect((await sys.gql(CREATE_PROFILE, { input: { name: 'Only one' } }, owner.token)).errors).toBeUndefined();
      const second = await sys.gql(CREATE_PROFILE, { input: { name: 'One too many' } }, owner.token);
      expect(errorOf(second)).toMatchObject({
        message: 'Your Free plan allows 1 author profile: upgrade the plan or delete a profile first.',
        extensions: { code: 'FORBIDDEN' },
      });
    });

    it('never exceeds the limit when creations race', async () => {
      const owner = await registerOwner(sys);
      await setPlan(owner.accountId, 'starter');
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => sys.gql(CREATE_PROFILE, { input: { name: `Racer ${i}` } }, owner.token)),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(2);
      expect(results.filter((r) => errorOf(r)?.extensions?.code === 'FORBIDDEN')).toHaveLength(3);
      const rows = await sys.database.system((tx) =>
        tx.$count(authorProfiles, eq(authorProfiles.accountId, owner.accountId)),
      );
      expect(rows).toBe(2);
    });

    it("keeps one account's profiles out of another's reach", async () => {
      const a = await registerOwner(sys, 'Agency A');
      const b = await registerOwner(sys, 'Agency B');
      const created = await sys.gql(CREATE_PROFILE, { input: { name: 'Private voice' } }, a.token);
      const id = created.data.createAuthorProfile.id;

      expect((await sys.gql(PROFILES, {}, b.token)).data.authorProfiles.totalCount).toBe(0);
      for (const res of [
        await sys.gql(PROFILE, { id }, b.token),
        await sys.gql(UPDATE_PROFILE, { input: { id, name: 'Hijacked' } }, b.token),
        await sys.gql(UPDATE_PROFILE, { input: { id, isDefault: true } }, b.token),
        await sys.gql(DELETE_PROFILE, { input: { id } }, b.token),
      ]) {
        expect(errorOf(res)).toMatchObject({
          message: `Author profile ${id} was not found.`,
          extensions: { code: 'NOT_FOUND' },
        });
      }
      expect((await sys.gql(PROFILE, { id }, a.token)).data.authorProfile).toMatchObject({
        name: 'Private voice',
        isDefault: false,
      });
    });
  });

  describe('strategies', () => {
    const guide = {
      name: 'Evergreen guides',
      description: 'Long, complete guides',
      contentTypes: ['HOW_TO', 'GUIDE', 'GUIDE'],
      rules: ['  Start with the answer  ', 'Cite sources'],
      minWords: 1500,
      maxWords: 2500,
    };

    it('creates a strategy with its content types once each and trimmed rules, and edits it', async () => {
      const owner = await registerOwner(sys);
      const created = await sys.gql(CREATE_STRATEGY, { input: { ...guide, isDefault: true } }, owner.token);
      expect(created.errors).toBeUndefined();
      const strategy = created.data.createStrategy;
      expect(strategy).toMatchObject({
        contentTypes: ['GUIDE', 'HOW_TO'],
        rules: ['Start with the answer', 'Cite sources'],
        minWords: 1500,
        maxWords: 2500,
        isDefault: true,
      });
      const updated = await sys.gql(
        UPDATE_STRATEGY,
        { input: { id: strategy.id, maxWords: 3000, rules: [] } },
        owner.token,
      );
      expect(updated.data.updateStrategy).toMatchObject({ minWords: 1500, maxWords: 3000, rules: [] });
      const list = await sys.gql(STRATEGIES, {}, owner.token);
      expect(list.data.strategies.totalCount).toBe(1);
      expect((await sys.gql(DELETE_STRATEGY, { input: { id: strategy.id } }, owner.token)).data.deleteStrategy).toBe(
        strategy.id,
      );
      expect((await sys.gql(STRATEGIES, {}, owner.token)).data.strategies.totalCount).toBe(0);
    });

    it('refuses a length target whose minimum is above its maximum, also when one bound changes alone', async () => {
      const owner = await registerOwner(sys);
      const bad = await sys.gql(CREATE_STRATEGY, { input: { ...guide, minWords: 3000 } }, owner.token);
      expect(errorOf(bad)).toMatchObject({
        message: 'The minimum length (3000 words) must not be more than the maximum (2500 words).',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: { minWords: ['must not be more than the maximum length (2500 words)'] },
        },
      });
      const { id } = (await sys.gql(CREATE_STRATEGY, { input: guide }, owner.token)).data.createStrategy;
      const shrunk = await sys.gql(UPDATE_STRATEGY, { input: { id, maxWords: 1000 } }, owner.token);
      expect(errorOf(shrunk)?.extensions?.fields).toEqual({
        minWords: ['must not be more than the maximum length (1000 words)'],
      });
      expect((await sys.gql(STRATEGIES, {}, owner.token)).data.strategies.edges[0].node.maxWords).toBe(2500);
    });

    it('refuses bad content types, rules and word counts naming the field', async () => {
      const owner = await registerOwner(sys);
      const none = await sys.gql(CREATE_STRATEGY, { input: { ...guide, contentTypes: [] } }, owner.token);
      expect(errorOf(none)?.extensions?.fields).toEqual({ contentTypes: ['must name at least one content type'] });
      const unknown = await sys.gql(CREATE_STRATEGY, { input: { ...guide, contentTypes: ['PODCAST'] } }, owner.token);
      expect(errorOf(unknown)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errorOf(unknown)?.message).toContain('PODCAST');
      const rules = await sys.gql(CREATE_STRATEGY, { input: { ...guide, rules: ['fine', ' '] } }, owner.token);
      expect(errorOf(rules)?.extensions?.fields).toEqual({ 'rules.1': ['must not be empty'] });
      const tiny = await sys.gql(CREATE_STRATEGY, { input: { ...guide, minWords: 10 } }, owner.token);
      expect(errorOf(tiny)?.extensions?.fields).toEqual({ minWords: ['must be at least 100'] });
      const clash = await sys.gql(CREATE_STRATEGY, { input: guide }, owner.token);
      expect(clash.errors).toBeUndefined();
      const again = await sys.gql(CREATE_STRATEGY, { input: { ...guide, name: 'EVERGREEN GUIDES' } }, owner.token);
      expect(errorOf(again)?.extensions?.code).toBe('CONFLICT');
    });
  });

  describe('roles and the module switch', () => {
    it('lets a viewer read but not change anything, and an editor change things', async () => {
      const owner = await registerOwner(sys);
      await setPlan(owner.accountId, 'growth');
      const viewer = await member(owner, 'VIEWER');
      const editor = await member(owner, 'EDITOR');

      expect((await sys.gql(PROMPTS, {}, viewer)).errors).toBeUndefined();
      expect((await sys.gql(PROFILES, {}, viewer)).errors).toBeUndefined();
      for (const res of [
        await sys.gql(SAVE, { input: { type: 'CONTENT', text: CONTENT_OVERRIDE } }, viewer),
        await sys.gql(RESET, { input: { type: 'CONTENT' } }, viewer),
        await sys.gql(CREATE_PROFILE, { input: { name: 'Viewer voice' } }, viewer),
        await sys.gql(
          CREATE_STRATEGY,
          { input: { ...{ name: 'V', contentTypes: ['POST'] }, minWords: 500, maxWords: 900 } },
          viewer,
        ),
      ]) {
        expect(errorOf(res)?.extensions?.code).toBe('FORBIDDEN');
      }

      expect(
        (await sys.gql(SAVE, { input: { type: 'CONTENT', text: CONTENT_OVERRIDE } }, editor)).errors,
      ).toBeUndefined();
      const profile = await sys.gql(CREATE_PROFILE, { input: { name: 'Editor voice' } }, editor);
      expect(profile.errors).toBeUndefined();
      // The viewer sees what the editor changed.
      expect((await sys.gql(PROMPT, { type: 'CONTENT' }, viewer)).data.prompt.isCustomised).toBe(true);
      expect((await sys.gql(PROFILES, {}, viewer)).data.authorProfiles.totalCount).toBe(1);
    });

    it('refuses every Thinker operation while the module is off, saying how to switch it on', async () => {
      const owner = await registerOwner(sys);
      const profile = (await sys.gql(CREATE_PROFILE, { input: { name: 'Kept' } }, owner.token)).data
        .createAuthorProfile;
      const off = await sys.gql(SET_MODULE, { input: { module: 'THINKER', enabled: false } }, owner.token);
      expect(off.data.setModuleEnabled.enabledModules).not.toContain('THINKER');

      for (const res of [
        await sys.gql(PROMPTS, {}, owner.token),
        await sys.gql(PROMPT, { type: 'IDEAS' }, owner.token),
        await sys.gql(SAVE, { input: { type: 'CONTENT', text: CONTENT_OVERRIDE } }, owner.token),
        await sys.gql(RESET, { input: { type: 'CONTENT' } }, owner.token),
        await sys.gql(PROFILES, {}, owner.token),
        await sys.gql(PROFILE, { id: profile.id }, owner.token),
        await sys.gql(CREATE_PROFILE, { input: { name: 'New' } }, owner.token),
        await sys.gql(DELETE_PROFILE, { input: { id: profile.id } }, owner.token),
        await sys.gql(STRATEGIES, {}, owner.token),
        await sys.gql(
          CREATE_STRATEGY,
          { input: { ...{ name: 'S', contentTypes: ['POST'] }, minWords: 500, maxWords: 900 } },
          owner.token,
        ),
      ]) {
        expect(errorOf(res)).toMatchObject({
          message:
            'The Thinker module is switched off for this account. An owner or admin can switch it on under Account → Modules.',
          extensions: { code: 'FORBIDDEN', module: 'thinker' },
        });
      }

      await sys.gql(SET_MODULE, { input: { module: 'THINKER', enabled: true } }, owner.token);
      const back = await sys.gql(PROFILES, {}, owner.token);
      expect(back.data.authorProfiles.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Kept']);
    });
  });
});
