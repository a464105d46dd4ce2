import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentContext, offsetOf, Page, pageOf, PageQueryDto } from '@portal/core';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  /** The user who acted; null for the system (a job, a migration, the demo seed). */
  actorId: string | null;
  /** What happened, dotted: `user.registered`, `membership.approved`. */
  action: string;
  targetType: string;
  targetId: string | null;
  /** A summary of what changed: never secrets (passwords, tokens). */
  changes?: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
}

/** The audit log: written with the same EntityManager, so in the same transaction, as the change. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const ctx = currentContext();
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes, request_id, ip)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.changes ?? {}),
        ctx?.requestId ?? null,
        ctx?.ip ?? null,
      ],
    );
  }

  async list(filter: AuditFilter, page: PageQueryDto): Promise<Page<AuditLog>> {
    const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('a');
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetType) qb.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    const [items, total] = await qb
      .orderBy('a.id', 'DESC')
      .offset(offsetOf(page))
      .limit(page.pageSize)
      .getManyAndCount();
    return pageOf(items, total, page);
  }
}
