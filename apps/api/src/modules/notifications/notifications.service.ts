import { Injectable } from '@nestjs/common';
import type { NotificationPage } from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { Database } from '../../database/database';
import type { AuthUser } from '../auth/principal';
import { scopeOf } from '../cases/cases.service';
import { NotificationsRepository } from './notifications.repository';

interface Cursor {
  flowId: number;
  at: number;
}

/**
 * Notifications are read from the case tables, not stored: task events are flow records after
 * the cursor's flow id; overdue warnings are deadlines that passed after the cursor's time. A
 * poll and an SSE tick are the same query, so several API processes need no shared bus.
 */
@Injectable()
export class NotificationsService {
  private readonly repo: NotificationsRepository;

  constructor(db: Database) {
    this.repo = new NotificationsRepository(db);
  }

  async poll(user: AuthUser, after: string | undefined, now = new Date()): Promise<NotificationPage> {
    const cursor = after ? decodeCursor(after) : { flowId: await this.repo.lastFlowId(), at: now.getTime() };
    const tasks = await this.repo.taskEvents(
      {
        role: user.role,
        userId: user.id,
        departmentIds: user.departmentIds,
        gridCodes: user.gridCodes,
        districtCode: user.districtCode,
      },
      cursor.flowId,
    );
    const overdue = await this.repo.overdueBetween(scopeOf(user), new Date(cursor.at), now);
    const lastFlow = tasks.at(-1)?.flowId ?? cursor.flowId;
    return {
      items: [...tasks.map(({ flowId: _flowId, ...n }) => n), ...overdue],
      cursor: encodeCursor({ flowId: lastFlow, at: now.getTime() }),
    };
  }
}

function encodeCursor(c: Cursor): string {
  return `${c.flowId}.${c.at}`;
}

function decodeCursor(text: string): Cursor {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  if (!m)
    throw new ApiError('REQUEST.VALIDATION_FAILED', 'after is malformed', [
      { field: 'after', message: 'use the cursor of the last answer' },
    ]);
  return { flowId: Number(m[1]), at: Number(m[2]) };
}
