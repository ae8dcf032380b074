/**
 * 通知 notifications (issue 5 item 5): new dispatches for a department, new verify and check
 * tasks for an inspector, overdue warnings for everyone in scope. Read by polling
 * (`GET /api/v1/notifications?after=`) or pushed as server-sent events
 * (`GET /api/v1/notifications/stream`, each event's `data` one `NotificationDto`).
 */
export type NotificationKind = 'dispatched' | 'verify_task' | 'check_task' | 'overdue';

export interface NotificationDto {
  /** Stable id: the flow record for task events, `overdue:<case>:<deadline>` for warnings. */
  id: string;
  kind: NotificationKind;
  caseId: string;
  caseNo: string;
  classCode: string;
  description: string;
  at: string;
  /** The deadline that passed (overdue) or the stage deadline of the new task. */
  deadline: string | null;
}

export interface NotificationPage {
  items: NotificationDto[];
  /** Pass as `after` next time. */
  cursor: string;
}
