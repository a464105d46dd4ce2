import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Env } from '@portal/config';
import {
  Clock,
  DomainError,
  ErrorCode,
  NotFoundError,
  offsetOf,
  Page,
  pageOf,
  PageQueryDto,
  WEB_PATHS,
  webUrl,
} from '@portal/core';
import { isUniqueViolation, Transactions, Tx } from '@portal/database';
import { MailService } from '@portal/mail';
import { MunicipalitiesService } from '@portal/municipalities';
import { Membership, MembershipStatus } from './membership.entity';
import type { SessionUser } from './session-user';
import { User } from './user.entity';

export interface MembershipRow {
  id: string;
  status: MembershipStatus;
  position: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  user: { id: string; name: string; email: string };
  municipality: { kshCode: string; name: string; county: string };
}

@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly municipalities: MunicipalitiesService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** One page for the coordinators' approval list: two queries, whatever the page size. */
  async list(
    filter: { status?: MembershipStatus; municipalityKsh?: string },
    page: PageQueryDto,
  ): Promise<Page<MembershipRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`m.status = $${params.push(filter.status)}`);
    if (filter.municipalityKsh) where.push(`m.municipality_ksh = $${params.push(filter.municipalityKsh)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM membership m ${clause}`,
      params,
    );
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT m.id, m.status, m.position, m.requested_at, m.decided_at, m.decision_note,
              u.id AS user_id, u.name AS user_name, u.email AS user_email,
              mu.ksh_code, mu.name AS municipality_name, mu.county
         FROM membership m
         JOIN app_user u ON u.id = m.user_id
         JOIN municipality mu ON mu.ksh_code = m.municipality_ksh
         ${clause}
        ORDER BY m.requested_at, m.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.pageSize, offsetOf(page)],
    );
    const items = rows.map((r) => ({
      id: r.id as string,
      status: r.status as MembershipStatus,
      position: (r.position as string | null) ?? null,
      requestedAt: r.requested_at as Date,
      decidedAt: (r.decided_at as Date | null) ?? null,
      decisionNote: (r.decision_note as string | null) ?? null,
      user: { id: r.user_id as string, name: r.user_name as string, email: r.user_email as string },
      municipality: { kshCode: r.ksh_code as string, name: r.municipality_name as string, county: r.county as string },
    }));
    return pageOf(items, Number(n), page);
  }

  /** A signed-in user asks to act for another municipality. */
  async request(actor: SessionUser, municipalityKsh: string, position?: string): Promise<Membership> {
    const municipality = await this.municipalities.findByKsh(municipalityKsh).catch(() => null);
    if (!municipality) {
      throw new DomainError(
        ErrorCode.MUNICIPALITY_NOT_FOUND,
        { ksh: municipalityKsh },
        {
          municipalityKsh: { key: 'fields.unknownMunicipality' },
        },
      );
    }
    try {
      return await this.tx.run(async ({ manager }) => {
        const membership = manager.create(Membership, {
          userId: actor.id,
          municipalityKsh,
          position: position?.trim() || null,
          status: 'pending',
          requestedAt: this.clock.now(),
        });
        await manager.insert(Membership, membership);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'membership.requested',
          targetType: 'membership',
          targetId: membership.id,
          changes: { municipalityKsh, status: 'pending', position: membership.position },
        });
        return membership;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_membership_user_municipality')) {
        throw new DomainError(ErrorCode.MEMBERSHIP_EXISTS, {}, { municipalityKsh: { key: 'fields.membershipExists' } });
      }
      throw error;
    }
  }

  approve(actor: SessionUser, id: string, note?: string): Promise<Membership> {
    return this.decide(actor, id, 'approved', note);
  }

  reject(actor: SessionUser, id: string, reason: string): Promise<Membership> {
    return this.decide(actor, id, 'rejected', reason);
  }

  revoke(actor: SessionUser, id: string, reason: string): Promise<Membership> {
    return this.decide(actor, id, 'revoked', reason);
  }

  private decide(actor: SessionUser, id: string, status: MembershipStatus, note?: string): Promise<Membership> {
    return this.tx.run(async (tx) => {
      const membership = await tx.manager.findOne(Membership, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!membership) throw new NotFoundError('membership');
      const allowedFrom: MembershipStatus[] = status === 'revoked' ? ['approved'] : ['pending'];
      if (!allowedFrom.includes(membership.status)) {
        throw new DomainError(ErrorCode.MEMBERSHIP_ALREADY_DECIDED, { status: membership.status });
      }
      const from = membership.status;
      membership.status = status;
      membership.decidedAt = this.clock.now();
      membership.decidedBy = actor.id;
      membership.decisionNote = note?.trim() || null;
      await tx.manager.save(membership);
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: `membership.${status}`,
        targetType: 'membership',
        targetId: membership.id,
        changes: { status: { from, to: status }, note: membership.decisionNote, userId: membership.userId },
      });
      if (status !== 'revoked') await this.notify(tx, membership);
      return membership;
    });
  }

  private async notify(tx: Tx, membership: Membership): Promise<void> {
    const user = await tx.manager.findOneByOrFail(User, { id: membership.userId });
    const municipality = await this.municipalities.findByKsh(membership.municipalityKsh);
    const approved = membership.status === 'approved';
    await this.mail.send(tx, {
      to: user.email,
      toName: user.name,
      lang: user.language,
      template: approved ? 'membership-approved' : 'membership-rejected',
      params: approved
        ? {
            name: user.name,
            municipality: municipality.name,
            loginUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.signIn(WEB_PATHS.myApplications())),
          }
        : { name: user.name, municipality: municipality.name, reason: membership.decisionNote ?? '' },
      dedupeKey: `membership-${membership.status}:${membership.id}`,
    });
  }
}
