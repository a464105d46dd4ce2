import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Clock, DomainError, ErrorCode, NotFoundError, offsetOf, Page, pageOf, PageQueryDto } from '@portal/core';
import { Transactions } from '@portal/database';
import { MailService } from '@portal/mail';
import { Membership } from './membership.entity';
import type { SessionUser } from './session-user';
import { sessionUserSql, type SessionUserRow, toSessionUser } from './session-user.sql';
import { SessionsService } from './sessions.service';
import { Role, User } from './user.entity';

export interface UserFilter {
  q?: string;
  role?: Role;
  active?: boolean;
}

export interface MembershipView {
  id: string;
  municipalityKsh: string;
  municipalityName: string;
  position: string | null;
  status: Membership['status'];
  requestedAt: Date;
  decidedAt: Date | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /** The user a session belongs to, or null when the account is gone or deactivated. */
  async loadSessionUser(id: string): Promise<SessionUser | null> {
    const rows = await this.dataSource.query<SessionUserRow[]>(sessionUserSql('$1'), [id]);
    return rows[0] ? toSessionUser(rows[0]) : null;
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('user');
    return user;
  }

  async memberships(userId: string): Promise<MembershipView[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT m.id, m.municipality_ksh, mu.name AS municipality_name, m.position, m.status, m.requested_at, m.decided_at
         FROM membership m JOIN municipality mu ON mu.ksh_code = m.municipality_ksh
        WHERE m.user_id = $1 ORDER BY m.requested_at`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      municipalityKsh: r.municipality_ksh as string,
      municipalityName: r.municipality_name as string,
      position: (r.position as string | null) ?? null,
      status: r.status as Membership['status'],
      requestedAt: r.requested_at as Date,
      decidedAt: (r.decided_at as Date | null) ?? null,
    }));
  }

  async list(filter: UserFilter, page: PageQueryDto): Promise<Page<User>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => w.where('u.email LIKE :like', { like }).orWhere('lower(u.name) LIKE :like', { like })),
      );
    }
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.is_active = :active', { active: filter.active });
    const [items, total] = await qb
      .orderBy('u.created_at', 'DESC')
      .offset(offsetOf(page))
      .limit(page.pageSize)
      .getManyAndCount();
    return pageOf(items, total, page);
  }

  async updateProfile(actor: SessionUser, changes: { name?: string; language?: 'hu' | 'en' }): Promise<User> {
    return this.tx.run(async ({ manager }) => {
      const user = await manager.findOneByOrFail(User, { id: actor.id });
      const before = { name: user.name, language: user.language };
      if (changes.name !== undefined) user.name = changes.name;
      if (changes.language !== undefined) user.language = changes.language;
      user.updatedAt = this.clock.now();
      await manager.save(user);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'user.profile_updated',
        targetType: 'user',
        targetId: user.id,
        changes: { before, after: { name: user.name, language: user.language } },
      });
      return user;
    });
  }

  private assertMayManage(actor: SessionUser, target: User): void {
    if (actor.id === target.id) throw new DomainError(ErrorCode.CANNOT_DEACTIVATE_SELF);
    const privileged = target.roles.some((r) => r === 'admin' || r === 'coordinator');
    if (privileged && !actor.roles.includes('admin')) throw new DomainError(ErrorCode.FORBIDDEN);
  }

  /** Deactivates an account and ends all its sessions at once. */
  async deactivate(actor: SessionUser, userId: string, reason?: string): Promise<User> {
    return this.tx.run(async (tx) => {
      const user = await tx.manager.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user');
      this.assertMayManage(actor, user);
      if (!user.isActive) return user;
      user.isActive = false;
      user.deactivatedAt = this.clock.now();
      user.updatedAt = this.clock.now();
      await tx.manager.save(user);
      const ended = await this.sessions.endAll(user.id, undefined, tx.manager);
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'user.deactivated',
        targetType: 'user',
        targetId: user.id,
        changes: { isActive: { from: true, to: false }, reason: reason ?? null, sessionsEnded: ended },
      });
      await this.mail.send(tx, {
        to: user.email,
        toName: user.name,
        lang: user.language,
        template: 'account-deactivated',
        params: { name: user.name },
        dedupeKey: `account-deactivated:${user.id}:${user.deactivatedAt.toISOString()}`,
      });
      return user;
    });
  }

  async reactivate(actor: SessionUser, userId: string): Promise<User> {
    return this.tx.run(async ({ manager }) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user');
      this.assertMayManage(actor, user);
      if (user.isActive) return user;
      user.isActive = true;
      user.deactivatedAt = null;
      user.updatedAt = this.clock.now();
      await manager.save(user);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'user.reactivated',
        targetType: 'user',
        targetId: user.id,
        changes: { isActive: { from: false, to: true } },
      });
      return user;
    });
  }
}
