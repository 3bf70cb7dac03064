// The header bell: a member's notifications, the unread count and marking them read; and the
// service-only `notify` the job runtime and billing call when something happened.
import { NOTIFICATION_SEVERITIES } from '@igny8/db/system';
import { BadUserInputError, callerOf, connectionOf, enumOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import {
  countUnreadNotifications,
  getNotification,
  listNotifications,
  markNotificationsRead,
  type NotificationRow,
  notify,
} from '../domain/notifications.js';
import * as v from '../domain/validation.js';

const NotificationSeverityEnum = enumOf(
  builder,
  'NotificationSeverity',
  NOTIFICATION_SEVERITIES,
  'How the bell shows a notification.',
);

const NotificationRef = builder.objectRef<NotificationRow>('Notification').implement({
  description: 'Something a member should know about: a job that finished or failed, credits running low.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'job_succeeded, job_failed, credits_low…' }),
    severity: t.field({ type: NotificationSeverityEnum, resolve: (n) => n.severity }),
    title: t.exposeString('title'),
    message: t.exposeString('message'),
    link: t.exposeString('link', { nullable: true, description: 'Where it leads in the app, e.g. /billing/credits.' }),
    isRead: t.boolean({ resolve: (n) => n.readAt !== null }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.readAt }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt }),
  }),
});

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  validate: z.looseObject({ ids: z.array(v.uuid).max(500, 'must hold at most 500 ids').nullish() }),
  fields: (t) => ({
    ids: t.idList({ description: 'The notifications to mark read.' }),
    all: t.boolean({ description: 'Marks every notification of the caller read (instead of ids).' }),
  }),
});

const MarkNotificationsReadPayload = builder
  .objectRef<{ marked: number; unreadCount: number }>('MarkNotificationsReadPayload')
  .implement({
    fields: (t) => ({
      marked: t.exposeInt('marked', { description: 'How many were unread and are now read.' }),
      unreadCount: t.exposeInt('unreadCount', { description: 'How many stay unread.' }),
    }),
  });

const NotifyInput = builder.inputType('NotifyInput', {
  inaccessible: true,
  validate: z.looseObject({
    accountId: v.uuid,
    userId: v.uuid.nullish(),
    kind: z.string().regex(/^[a-z_]{1,40}$/, 'must be a lower-case word such as job_failed'),
    title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    message: z.string().max(2_000, 'must be at most 2,000 characters').nullish(),
    link: z
      .string()
      .regex(/^\/[^/]/, 'must be a path in the app such as /billing/credits')
      .max(500)
      .nullish(),
    sourceKey: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
  }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    userId: t.id({ description: "The member to tell; the account's owners and admins when absent." }),
    kind: t.string({ required: true }),
    severity: t.field({ type: NotificationSeverityEnum, required: true }),
    title: t.string({ required: true }),
    message: t.string(),
    link: t.string(),
    sourceKey: t.string({ required: true, description: 'Names the event: a member is told of it once.' }),
  }),
});

builder.queryFields((t) => ({
  notifications: t.connection({
    type: NotificationRef,
    description: "The caller's notifications, newest first.",
    authScopes: scopePresets.member,
    args: { unread: t.arg.boolean({ description: 'Only unread (true) or only read (false) ones.' }) },
    resolve: (_root, { unread, ...page }, ctx) =>
      connectionOf(page, (window) =>
        listNotifications(ctx.system, callerOf(ctx), { filter: { unread: unread ?? undefined }, page: window }),
      ),
  }),
  notification: t.field({
    type: NotificationRef,
    description: "One of the caller's notifications.",
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => getNotification(ctx.system, callerOf(ctx), args.id),
  }),
  unreadNotificationCount: t.int({
    description: "How many of the caller's notifications are unread (the bell's badge).",
    authScopes: scopePresets.member,
    resolve: (_root, _args, ctx) => countUnreadNotifications(ctx.system, callerOf(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  markNotificationsRead: t.field({
    type: MarkNotificationsReadPayload,
    description: "Marks the caller's notifications read: `ids`, or `all: true`. An id not the caller's is NOT_FOUND.",
    authScopes: scopePresets.member,
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const ids = input.ids ?? null;
      if ((ids === null) === (input.all !== true)) {
        throw BadUserInputError.field('ids', 'give the ids to mark read, or all: true (not both)');
      }
      if (ids !== null && ids.length === 0) throw BadUserInputError.field('ids', 'must hold at least one id');
      return markNotificationsRead(ctx.system, callerOf(ctx), ids);
    },
  }),
  notify: t.int({
    description: 'Service only: tells members of an account that something happened; answers how many were told.',
    authScopes: scopePresets.service,
    inaccessible: true,
    args: { input: t.arg({ type: NotifyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      notify(ctx.system, { ...input, severity: input.severity, message: input.message, link: input.link }),
  }),
}));
