// Thinker prompts: one per AI operation, the shipped default or the account's own text.
import { callerOf, enumOf, scopePresets } from '@igny8/lib';
import { builder } from '../builder.js';
import { getPrompt, listPrompts, type PromptView, resetPrompt, savePrompt } from '../domain/prompts.js';
import { PROMPT_MAX_LENGTH, PROMPT_TYPES, type PromptVariable } from '../domain/prompts-catalog.js';
import { loadUser, UserRef } from './user.js';

export const PromptTypeEnum = enumOf(builder, 'PromptType', PROMPT_TYPES, 'The AI operation a prompt is for.');

const PromptVariableRef = builder.objectRef<PromptVariable>('PromptVariable').implement({
  description: 'A `{{name}}` placeholder the operation fills in when it uses the prompt.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    required: t.exposeBoolean('required', { description: 'The prompt text must use it.' }),
  }),
});

const PromptRef = builder.objectRef<PromptView>('Prompt').implement({
  description: "The instructions an AI operation sends to the model: the shipped default, or the account's own text.",
  fields: (t) => ({
    type: t.field({ type: PromptTypeEnum, resolve: (p) => p.definition.type }),
    label: t.string({ resolve: (p) => p.definition.label }),
    description: t.string({ resolve: (p) => p.definition.description }),
    text: t.exposeString('text', { description: 'What the operation uses: the override, or the default.' }),
    defaultText: t.string({ resolve: (p) => p.definition.defaultText }),
    isCustomised: t.exposeBoolean('isCustomised'),
    variables: t.field({ type: [PromptVariableRef], resolve: (p) => p.definition.variables }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the override was saved; null for the default.',
      resolve: (p) => p.updatedAt,
    }),
    updatedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who saved the override (null for the default, or when they left the team).',
      resolve: (p, _args, ctx) => (p.updatedBy ? loadUser(ctx, p.updatedBy) : null),
    }),
  }),
});

const SavePromptInput = builder.inputType('SavePromptInput', {
  fields: (t) => ({
    type: t.field({ type: PromptTypeEnum, required: true }),
    text: t.string({
      required: true,
      description: `May use only the type's variables, must use its required ones; at most ${PROMPT_MAX_LENGTH} characters.`,
    }),
  }),
});

const ResetPromptInput = builder.inputType('ResetPromptInput', {
  fields: (t) => ({ type: t.field({ type: PromptTypeEnum, required: true }) }),
});

builder.queryFields((t) => ({
  prompts: t.field({
    type: [PromptRef],
    description: 'Every prompt type, in the order the pipeline uses them.',
    authScopes: scopePresets.member,
    resolve: (_root, _args, ctx) => listPrompts(ctx.system, callerOf(ctx)),
  }),
  prompt: t.field({
    type: PromptRef,
    authScopes: scopePresets.member,
    args: { type: t.arg({ type: PromptTypeEnum, required: true }) },
    resolve: (_root, args, ctx) => getPrompt(ctx.system, callerOf(ctx), args.type),
  }),
}));

builder.mutationFields((t) => ({
  savePrompt: t.field({
    type: PromptRef,
    description: "Saves the account's text for a prompt type; saving the default text is a reset.",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SavePromptInput, required: true }) },
    resolve: (_root, { input }, ctx) => savePrompt(ctx.system, callerOf(ctx), input.type, input.text),
  }),
  resetPrompt: t.field({
    type: PromptRef,
    description: 'Goes back to the shipped default text.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: ResetPromptInput, required: true }) },
    resolve: (_root, { input }, ctx) => resetPrompt(ctx.system, callerOf(ctx), input.type),
  }),
}));
