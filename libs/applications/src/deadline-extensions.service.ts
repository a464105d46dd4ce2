import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Call, callStatus } from '@portal/calls';
import { Clock, DomainError, ErrorCode, FieldProblems, ForbiddenError, NotFoundError } from '@portal/core';
import { Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { Municipality } from '@portal/municipalities';
import { canSeeAllApplications, requestTime } from './applications.service';
import { DeadlineExtension } from './deadline-extension.entity';

export interface NewDeadlineExtension {
  municipalityKsh: string;
  /** Exclusive, like the call's deadline. */
  closesAt: Date;
  reason: string;
}

export interface DeadlineExtensionRow {
  extension: DeadlineExtension;
  municipalityName: string;
  grantedByName: string;
  /** Not revoked, not expired, and the call has not moved on to scoring. */
  inForce: boolean;
}

/**
 * Per-municipality deadline extensions of a call, granted and revoked by coordinators and
 * admins. The submission rules honour them in ApplicationsService.assertWindow; here they
 * are managed: at most one in force per call and municipality (a new one revokes the
 * previous), later than the call's own deadline, before the close of scoring, and only
 * while the call is open or closed (not once scoring has started).
 */
@Injectable()
export class DeadlineExtensionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every extension of the call, revoked ones too, newest first. */
  async list(viewer: SessionUser, callId: string): Promise<DeadlineExtensionRow[]> {
    if (!canSeeAllApplications(viewer)) throw new ForbiddenError();
    const call = await this.dataSource.manager.findOneBy(Call, { id: callId });
    if (!call) throw new NotFoundError('call');
    const now = this.clock.now();
    const extensions = await this.dataSource.manager.find(DeadlineExtension, {
      where: { callId: call.id },
      relations: { municipality: true, granter: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return extensions.map((extension) => this.row(call, extension, now));
  }

  /** Grants (or replaces, revoking the one in force) the extension of one municipality. */
  async grant(actor: SessionUser, callId: string, input: NewDeadlineExtension): Promise<DeadlineExtensionRow> {
    if (!canSeeAllApplications(actor)) throw new ForbiddenError();
    const now = this.clock.now();
    const reason = input.reason.trim();
    if (!reason) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { reason: { key: 'validation.isNotEmpty' } });
    return this.tx.run(async ({ manager }) => {
      const call = await manager.findOneBy(Call, { id: callId });
      if (!call) throw new NotFoundError('call');
      const status = callStatus(call, now);
      if (status !== 'open' && status !== 'closed') throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status });
      const municipality = await manager.findOneBy(Municipality, { kshCode: input.municipalityKsh });
      if (!municipality) {
        throw new DomainError(
          ErrorCode.MUNICIPALITY_NOT_FOUND,
          { ksh: input.municipalityKsh },
          { municipalityKsh: { key: 'fields.unknownMunicipality' } },
        );
      }
      const closesAt = input.closesAt.getTime();
      const fields: FieldProblems = {};
      if (closesAt <= call.submissionClosesAt.getTime()) {
        fields.closesAt = {
          key: 'fields.extensionAfterCallCloses',
          args: { deadline: requestTime(call.submissionClosesAt) },
        };
      } else if (closesAt >= call.scoringClosesAt.getTime()) {
        fields.closesAt = {
          key: 'fields.beforeScoringCloses',
          args: { scoringClosesAt: requestTime(call.scoringClosesAt) },
        };
      } else if (closesAt <= now.getTime()) {
        fields.closesAt = { key: 'fields.mustBeInFuture' };
      }
      if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);

      // one grant at a time per call and municipality: the one in force is found and revoked safely
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `deadline-extension:${call.id}:${municipality.kshCode}`,
      ]);
      const previous = await manager.findOneBy(DeadlineExtension, {
        callId: call.id,
        municipalityKsh: municipality.kshCode,
        revokedAt: IsNull(),
      });
      if (previous) {
        previous.revokedAt = now;
        await manager.save(DeadlineExtension, previous);
      }
      const extension = manager.create(DeadlineExtension, {
        callId: call.id,
        municipalityKsh: municipality.kshCode,
        closesAt: input.closesAt,
        reason,
        grantedBy: actor.id,
        createdAt: now,
        revokedAt: null,
      });
      await manager.insert(DeadlineExtension, extension);
      if (previous) {
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'deadline_extension.revoked',
          targetType: 'deadline_extension',
          targetId: previous.id,
          changes: { callId: call.id, municipalityKsh: municipality.kshCode, replacedBy: extension.id },
        });
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'deadline_extension.granted',
        targetType: 'deadline_extension',
        targetId: extension.id,
        changes: {
          callId: call.id,
          municipalityKsh: municipality.kshCode,
          closesAt: input.closesAt.toISOString(),
          reason,
          replaces: previous?.id ?? null,
        },
      });
      const saved = await manager.findOneOrFail(DeadlineExtension, {
        where: { id: extension.id },
        relations: { municipality: true, granter: true },
      });
      return this.row(call, saved, now);
    });
  }

  /** Revokes an extension of the call (from now on the call's own deadline applies); idempotent. */
  async revoke(actor: SessionUser, callId: string, id: string): Promise<void> {
    if (!canSeeAllApplications(actor)) throw new ForbiddenError();
    const now = this.clock.now();
    await this.tx.run(async ({ manager }) => {
      const extension = await manager.findOne(DeadlineExtension, {
        where: { id, callId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!extension) throw new NotFoundError('deadline extension');
      if (extension.revokedAt) return;
      extension.revokedAt = now;
      await manager.save(DeadlineExtension, extension);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'deadline_extension.revoked',
        targetType: 'deadline_extension',
        targetId: extension.id,
        changes: {
          callId: extension.callId,
          municipalityKsh: extension.municipalityKsh,
          closesAt: extension.closesAt.toISOString(),
        },
      });
    });
  }

  private row(call: Call, extension: DeadlineExtension, now: Date): DeadlineExtensionRow {
    const beforeScoring = ['open', 'closed'].includes(callStatus(call, now));
    return {
      extension,
      municipalityName: extension.municipality?.name ?? '',
      grantedByName: extension.granter?.name ?? '',
      inForce: !extension.revokedAt && now.getTime() < extension.closesAt.getTime() && beforeScoring,
    };
  }
}
