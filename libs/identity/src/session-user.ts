import type { Lang } from '@portal/core';
import type { Role } from './user.entity';

/** The signed-in user as every request sees it (loaded from the session on each request). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  language: Lang;
  roles: Role[];
  organisationId: string | null;
  /** KSH codes of the municipalities this user may act for (approved memberships only). */
  municipalities: string[];
}

export const SESSION_COOKIE = 'logy.sid';
