import { Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Env } from '@portal/config';
import { Clock, DomainError, ErrorCode, Lang, normaliseEmail, WEB_PATHS, webUrl } from '@portal/core';
import { isUniqueViolation, Transactions, Tx } from '@portal/database';
import { MailService } from '@portal/mail';
import { MunicipalitiesService } from '@portal/municipalities';
import { LoginThrottle } from './login-throttle';
import { Membership } from './membership.entity';
import { hashToken, newToken, PasswordHasher } from './passwords';
import { PasswordResetToken } from './password-reset-token.entity';
import type { SessionUser } from './session-user';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

export interface Registration {
  email: string;
  password: string;
  name: string;
  language?: Lang;
  municipalityKsh: string;
  position?: string;
}

const RESET_MINUTES = 60;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly municipalities: MunicipalitiesService,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** Municipal staff register themselves; their membership waits for a coordinator. */
  async register(input: Registration): Promise<{ user: User; membership: Membership }> {
    const email = normaliseEmail(input.email);
    const municipality = await this.municipalities.findByKsh(input.municipalityKsh).catch(() => null);
    if (!municipality) {
      throw new DomainError(
        ErrorCode.MUNICIPALITY_NOT_FOUND,
        { ksh: input.municipalityKsh },
        {
          municipalityKsh: { key: 'fields.unknownMunicipality' },
        },
      );
    }
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.tx.run(async (tx) => {
        const now = this.clock.now();
        const user = tx.manager.create(User, {
          email,
          name: input.name.trim(),
          passwordHash,
          language: input.language ?? 'hu',
          roles: ['applicant'],
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await tx.manager.insert(User, user);
        const membership = tx.manager.create(Membership, {
          userId: user.id,
          municipalityKsh: municipality.kshCode,
          position: input.position?.trim() || null,
          status: 'pending',
          requestedAt: now,
        });
        await tx.manager.insert(Membership, membership);
        await this.audit.record(tx.manager, {
          actorId: user.id,
          action: 'user.registered',
          targetType: 'user',
          targetId: user.id,
          changes: { email, name: user.name, language: user.language, roles: user.roles },
        });
        await this.audit.record(tx.manager, {
          actorId: user.id,
          action: 'membership.requested',
          targetType: 'membership',
          targetId: membership.id,
          changes: { municipalityKsh: municipality.kshCode, status: 'pending', position: membership.position },
        });
        await this.mail.send(tx, {
          to: email,
          toName: user.name,
          lang: user.language,
          template: 'registration-received',
          params: { name: user.name, municipality: municipality.name },
          dedupeKey: `registration-received:${membership.id}`,
        });
        return { user, membership };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_app_user_email')) {
        throw new DomainError(ErrorCode.EMAIL_TAKEN, {}, { email: { key: 'fields.emailTaken' } });
      }
      throw error;
    }
  }

  /**
   * Checks a login. Unknown e-mail and wrong password answer alike (same error, same
   * argon2 work); failures count towards the throttle of the account and the address.
   */
  async verifyLogin(rawEmail: string, password: string, ip: string | undefined): Promise<SessionUser> {
    const email = normaliseEmail(rawEmail);
    await this.throttle.assertAllowed(email, ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, ip);
      this.logger.warn({ ip }, 'login failed');
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    if (!user.isActive) {
      await this.throttle.recordFailure(email, ip);
      throw new DomainError(ErrorCode.ACCOUNT_DEACTIVATED);
    }
    await this.throttle.recordSuccess(email);
    const sessionUser = await this.users.loadSessionUser(user.id);
    if (!sessionUser) throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    return sessionUser;
  }

  async recordLogin(user: SessionUser): Promise<void> {
    await this.tx.run(({ manager }) =>
      this.audit.record(manager, { actorId: user.id, action: 'user.logged_in', targetType: 'user', targetId: user.id }),
    );
  }

  async recordLogout(user: SessionUser): Promise<void> {
    await this.tx.run(({ manager }) =>
      this.audit.record(manager, {
        actorId: user.id,
        action: 'user.logged_out',
        targetType: 'user',
        targetId: user.id,
      }),
    );
  }

  /** Changes the password; every other session of the user ends at once. */
  async changePassword(actor: SessionUser, currentSid: string, current: string, next: string): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.id })
      .getOneOrFail();
    if (!(await this.passwords.verify(user.passwordHash, current))) {
      throw new DomainError(ErrorCode.WRONG_PASSWORD, {}, { currentPassword: { key: 'fields.wrongPassword' } });
    }
    const passwordHash = await this.passwords.hash(next);
    await this.tx.run(async (tx) => {
      const now = this.clock.now();
      await tx.manager.update(User, { id: user.id }, { passwordHash, passwordChangedAt: now, updatedAt: now });
      const ended = await this.sessions.endAll(user.id, currentSid, tx.manager);
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'user.password_changed',
        targetType: 'user',
        targetId: user.id,
        changes: { sessionsEnded: ended },
      });
      await this.notifyPasswordChanged(tx, user, now);
    });
  }

  /** E-mails a one-time reset link; answers the same whether or not the address is known. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const user = await this.dataSource.getRepository(User).findOneBy({ email, isActive: true });
    if (!user) {
      this.logger.log('password reset asked for an unknown or inactive address');
      return;
    }
    const { token, hash } = newToken();
    await this.tx.run(async (tx) => {
      const now = this.clock.now();
      const record = tx.manager.create(PasswordResetToken, {
        userId: user.id,
        tokenHash: hash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
      });
      await tx.manager.insert(PasswordResetToken, record);
      await this.audit.record(tx.manager, {
        actorId: null,
        action: 'user.password_reset_requested',
        targetType: 'user',
        targetId: user.id,
        changes: { tokenId: record.id, expiresAt: record.expiresAt.toISOString() },
      });
      await this.mail.send(tx, {
        to: user.email,
        toName: user.name,
        lang: user.language,
        template: 'password-reset',
        params: {
          name: user.name,
          resetUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.resetPassword(token)),
          expiresMinutes: RESET_MINUTES,
        },
        dedupeKey: `password-reset:${record.id}`,
      });
    });
  }

  /** Sets a new password with a reset token: once, before it expires; ends all sessions. */
  async resetPassword(token: string, next: string): Promise<void> {
    const passwordHash = await this.passwords.hash(next);
    await this.tx.run(async (tx) => {
      const now = this.clock.now();
      const record = await tx.manager.findOne(PasswordResetToken, {
        where: { tokenHash: hashToken(token), usedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record || record.expiresAt.getTime() <= now.getTime()) {
        throw new DomainError(ErrorCode.TOKEN_INVALID, {}, { token: { key: 'fields.tokenInvalid' } });
      }
      const user = await tx.manager.findOneBy(User, { id: record.userId, isActive: true });
      if (!user) throw new DomainError(ErrorCode.TOKEN_INVALID, {}, { token: { key: 'fields.tokenInvalid' } });
      await tx.manager.update(PasswordResetToken, { id: record.id }, { usedAt: now });
      await tx.manager.update(User, { id: user.id }, { passwordHash, passwordChangedAt: now, updatedAt: now });
      const ended = await this.sessions.endAll(user.id, undefined, tx.manager);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        changes: { tokenId: record.id, sessionsEnded: ended },
      });
      await this.notifyPasswordChanged(tx, user, now);
    });
  }

  /** Tells the account's owner that its password changed (in case it was not them). */
  private notifyPasswordChanged(tx: Tx, user: User, at: Date): Promise<void> {
    return this.mail.send(tx, {
      to: user.email,
      toName: user.name,
      lang: user.language,
      template: 'password-changed',
      params: { name: user.name },
      dedupeKey: `password-changed:${user.id}:${at.toISOString()}`,
    });
  }
}
