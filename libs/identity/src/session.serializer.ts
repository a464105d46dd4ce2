import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { SessionUser } from './session-user';
import { takeUserLoadedWithSession } from './sessions.service';
import { UsersService } from './users.service';

/**
 * Only the user id is kept in the session; the user is loaded again on every request (with
 * the session, in one statement: SessionsService.loadWithUser),
 * so a deactivated account or a revoked membership takes effect at once.
 */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly users: UsersService) {
    super();
  }

  serializeUser(user: SessionUser, done: (err: unknown, id?: string) => void): void {
    done(null, user.id);
  }

  deserializeUser(id: string, done: (err: unknown, user?: SessionUser | false) => void): void {
    // read with the session in this request already (SessionsService.loadWithUser), or now
    const loaded = takeUserLoadedWithSession(id);
    if (loaded !== undefined) return done(null, loaded ?? false);
    this.users.loadSessionUser(id).then(
      (user) => done(null, user ?? false),
      (error: unknown) => done(error),
    );
  }
}
