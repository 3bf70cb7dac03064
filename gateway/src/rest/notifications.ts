// /api/v1/notifications/ (also under /system/notifications/): the header bell — the caller's
// notifications in the list envelope, one of them, the unread count, and marking them read.
import type { Router } from 'express';
import {
  RestMarkNotificationsReadDocument,
  RestNotificationDocument,
  RestNotificationsDocument,
  RestUnreadNotificationCountDocument,
} from './gql/graphql.js';
import { idsOf } from './kit/params.js';
import { action, get, list, mountRoutes } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const NOT_FOUND = 'Notification not found.';
const at = (path: string) => [`/notifications/${path}`, `/system/notifications/${path}`];

export function mountNotificationRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    // `?unread=true` (or the original's `?is_read=false`) for the unread ones only.
    list({
      path: at(''),
      operation: RestNotificationsDocument,
      variables: ({ query }) => {
        const isRead = query.bool('is_read');
        return { unread: query.bool('unread') ?? (isRead === undefined ? undefined : !isRead) };
      },
    }),
    get({
      path: at('unread_count/'),
      operation: RestUnreadNotificationCountDocument,
      answer: (data) => ({ unreadCount: data.unreadNotificationCount }),
    }),
    action({
      path: [...at('read_all/'), ...at('mark_all_read/')],
      operation: RestMarkNotificationsReadDocument,
      variables: () => ({ input: { all: true } }),
      answer: (data) => data.markNotificationsRead,
      message: (answer) => `${answer.marked} marked read.`,
    }),
    action({
      path: at('read/'),
      operation: RestMarkNotificationsReadDocument,
      variables: ({ body }) => ({ input: { ids: idsOf(body) } }),
      answer: (data) => data.markNotificationsRead,
      message: (answer) => `${answer.marked} marked read.`,
    }),
    get({
      path: at(':id/'),
      operation: RestNotificationDocument,
      variables: ({ params }) => ({ id: params.id }),
      notFound: NOT_FOUND,
    }),
    action({
      path: at(':id/read/'),
      operation: RestMarkNotificationsReadDocument,
      variables: ({ params }) => ({ input: { ids: [params.id] } }),
      restNames: { ids: 'id' },
      notFound: NOT_FOUND,
    }),
  ]);
}
