import type { Subject } from './common';

/** A message in the user's 消息 list (GET /api/notifications). */
export interface Message {
  id: string;
  /** task_assigned, returned, objection, due_soon, overdue, reassigned, urge, case_event */
  kind: string;
  title: string;
  body: string | null;
  instanceId: string | null;
  taskId: string | null;
  subject: Subject | null;
  createdAt: string;
  readAt: string | null;
}

/** A page of messages, newest first, with the user's unread count. */
export interface MessagePage {
  items: Message[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** A colleague a task may be handed to (转办). */
export interface Colleague {
  id: string;
  username: string;
  displayName: string;
}

/** A comment on a task (GET/POST /api/tasks/:id/comments). */
export interface TaskCommentView {
  id: string;
  taskId: string;
  text: string;
  author: { username: string; displayName: string };
  createdAt: string;
}
