import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, ErrorCode } from '@portal/core';
import type { SessionUser } from '@portal/identity';
import { QUEUES } from '@portal/queue';

export const QUEUE_DASHBOARD_PATH = '/api/queues';

/** Coordinators and admins only: anonymous 401, other roles 403, in the api's error shape; reading only. */
export function queueDashboardAccess(req: Request, _res: Response, next: NextFunction): void {
  const user = req.user as SessionUser | undefined;
  if (!user) return next(new DomainError(ErrorCode.UNAUTHENTICATED));
  if (!user.roles.some((role) => role === 'coordinator' || role === 'admin')) {
    return next(new DomainError(ErrorCode.FORBIDDEN));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return next(new DomainError(ErrorCode.FORBIDDEN));
  next();
}

/**
 * bull-board over every queue of QUEUES, read-only (no retry, clean, pause, add or remove);
 * mount it after the session and passport so the access check sees the user.
 */
export function queueDashboard(app: INestApplication): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: true, allowRetries: false }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'LÖGY queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}
