import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Env } from '@portal/config';
import {
  Clock,
  DomainError,
  ErrorCode,
  Lang,
  normaliseEmail,
  NotFoundError,
  offsetOf,
  Page,
  pageOf,
  PageQueryDto,
  WEB_PATHS,
  webUrl,
} from '@portal/core';
import { Transactions } from '@portal/database';
import { MailService } from '@portal/mail';
import { OrganisationsService } from '@portal/organisations';
import { Invitation, InvitedRole } from './invitation.entity';
import { hashToken, newToken, PasswordHasher } from './passwords';
import type { SessionUser } from './session-user';
import { Role, User } from './user.entity';

const VALID_DAYS = 14;

export interface NewInvitation {
  email: string;
  name: string;
  role: InvitedRole;
  organisationId?: string;
  language?: Lang;
}

export interface InvitationAcceptance {
  token: string;
  name?: string;
  password?: string;
  language?: Lang;
}

export interface InvitationPreview {
  email: string;
  name: string;
  role: InvitedRole;
  organisationId: string | null;
  expiresAt: Date;
  accountExists: boolean;
}

/** Jurors and coordinators join by an invitation e-mailed by a coordinator or an admin. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly organisations: OrganisationsService,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async list(page: PageQueryDto): Promise<Page<Invitation>> {
    const [items, total] = await this.dataSource
      .getRepository(Invitation)
      .findAndCount({ order: { createdAt: 'DESC' }, skip: offsetOf(page), take: page.pageSize });
    return pageOf(items, total, page);
  }

  async create(actor: SessionUser, input: NewInvitation): Promise<Invitation> {
    const email = normaliseEmail(input.email);
    let organisationName = '';
    if (input.role === 'juror' && !input.organisationId) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        {},
        { organisationId: { key: 'fields.organisationRequired' } },
      );
    }
    if (input.organisationId) {
      const organisation = await this.organisations.findById(input.organisationId).catch(() => null);
      if (!organisation) {
        throw new DomainError(
          ErrorCode.ORGANISATION_NOT_FOUND,
          {},
          { organisationId: { key: 'fields.unknownOrganisation' } },
        );
      }
      organisationName = (input.language ?? 'hu') === 'en' ? organisation.nameEn : organisation.nameHu;
    }
    const { token, hash } = newToken();
    return this.tx.run(async (tx) => {
      const now = this.clock.now();
      const invitation = tx.manager.create(Invitation, {
        email,
        name: input.name.trim(),
        role: input.role,
        organisationId: input.organisationId ?? null,
        language: input.language ?? 'hu',
        tokenHash: hash,
        invitedBy: actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + VALID_DAYS * 86_400_000),
      });
      await tx.manager.insert(Invitation, invitation);
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: invitation.id,
        changes: { email, role: invitation.role, organisationId: invitation.organisationId },
      });
      await this.mail.send(tx, {
        to: email,
        toName: invitation.name,
        lang: invitation.language,
        template: 'invitation',
        params: {
          name: invitation.name,
          role: invitation.role,
          organisation: organisationName,
          inviter: actor.name,
          acceptUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.acceptInvitation(token)),
          expiresAt: invitation.expiresAt.toISOString(),
        },
        dedupeKey: `invitation:${invitation.id}`,
      });
      return invitation;
    });
  }

  /**
   * Revokes a pending invitation: its link no longer works. Revoking again changes nothing;
   * an accepted invitation cannot be revoked.
   */
  async revoke(actor: SessionUser, id: string): Promise<Invitation> {
    return this.tx.run(async ({ manager }) => {
      const invitation = await manager.findOne(Invitation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new NotFoundError('invitation');
      if (invitation.acceptedAt) throw new DomainError(ErrorCode.INVITATION_ALREADY_ACCEPTED);
      if (invitation.revokedAt) return invitation;
      invitation.revokedAt = this.clock.now();
      await manager.update(Invitation, { id }, { revokedAt: invitation.revokedAt });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: id,
        changes: { email: invitation.email, role: invitation.role },
      });
      return invitation;
    });
  }

  private async findOpen(token: string): Promise<Invitation> {
    const invitation = await this.dataSource
      .getRepository(Invitation)
      .findOneBy({ tokenHash: hashToken(token), acceptedAt: IsNull(), revokedAt: IsNull() });
    if (!invitation || invitation.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new DomainError(ErrorCode.INVITATION_INVALID, {}, { token: { key: 'fields.tokenInvalid' } });
    }
    return invitation;
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findOpen(token);
    const accountExists = await this.dataSource.getRepository(User).existsBy({ email: invitation.email });
    return {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      organisationId: invitation.organisationId,
      expiresAt: invitation.expiresAt,
      accountExists,
    };
  }

  /**
   * Accepts an invitation: a new account is created with the given password, or an
   * existing account with the invited address gains the role (its password unchanged).
   */
  async accept(input: InvitationAcceptance): Promise<User> {
    const invitation = await this.findOpen(input.token);
    const existing = await this.dataSource.getRepository(User).findOneBy({ email: invitation.email });
    if (!existing && !input.password) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { password: { key: 'validation.isNotEmpty' } });
    }
    const passwordHash = existing ? undefined : await this.passwords.hash(input.password as string);
    return this.tx.run(async ({ manager }) => {
      const now = this.clock.now();
      const claimed = await manager.update(
        Invitation,
        { id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull() },
        { acceptedAt: now },
      );
      if (claimed.affected !== 1) {
        throw new DomainError(ErrorCode.INVITATION_INVALID, {}, { token: { key: 'fields.tokenInvalid' } });
      }
      let user: User;
      if (existing) {
        user = await manager.findOneByOrFail(User, { id: existing.id });
        const before = [...user.roles];
        user.roles = Array.from(new Set<Role>([...user.roles, invitation.role]));
        if (invitation.role === 'juror') user.organisationId = invitation.organisationId;
        user.updatedAt = now;
        await manager.save(user);
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'user.role_granted',
          targetType: 'user',
          targetId: user.id,
          changes: { roles: { from: before, to: user.roles }, invitationId: invitation.id },
        });
      } else {
        user = manager.create(User, {
          email: invitation.email,
          name: input.name?.trim() || invitation.name,
          passwordHash: passwordHash as string,
          language: input.language ?? invitation.language,
          roles: [invitation.role],
          organisationId: invitation.role === 'juror' ? invitation.organisationId : null,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await manager.insert(User, user);
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'user.registered',
          targetType: 'user',
          targetId: user.id,
          changes: { email: user.email, name: user.name, roles: user.roles, invitationId: invitation.id },
        });
      }
      await manager.update(Invitation, { id: invitation.id }, { acceptedUserId: user.id });
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'invitation.accepted',
        targetType: 'invitation',
        targetId: invitation.id,
        changes: { userId: user.id, role: invitation.role },
      });
      return user;
    });
  }
}
