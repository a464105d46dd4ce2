import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable the portal reads, with its default. This class is the
 * documentation of the configuration: the README's table is made from it.
 */
export class Env {
  /** development, production or test. */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Address the api listens on. */
  @IsString()
  HOST = '127.0.0.1';

  /** Port the api listens on. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Public base URL of the portal, used in e-mailed links. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** PostgreSQL connection string. */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/logy_portal';

  /** Redis connection string (queues, login throttling). */
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key the portal writes (queues, throttling). */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'must be 1-64 letters, digits or _.:-' })
  REDIS_PREFIX = 'logy';

  /** Secret that signs session cookies and CSRF tokens; required in production. */
  @IsString()
  @MinLength(16)
  SESSION_SECRET = 'development-only-secret-change-me';

  /** Session lifetime in hours of inactivity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SESSION_TTL_HOURS = 12;

  /** Set cookies with the Secure flag (behind HTTPS). */
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

  /** Number of reverse proxies in front of the api (for client addresses). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY = 0;

  /** SMTP server (smtp://user:pass@host:port). Empty: mail is captured and shown to coordinators. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender address of every e-mail. */
  @IsEmail({ allow_display_name: true, require_tld: false })
  MAIL_FROM = 'LÖGY portál <noreply@logy.localhost>';

  /** Folder of uploaded files (attachments, receipts), relative to the project or absolute. */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = 'var/uploads';

  /** Failed logins allowed per account and per address within the window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** Login throttling window in minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_WINDOW_MINUTES = 15;

  /** pino log level. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.map((e) => {
    const shown = e.property === 'SESSION_SECRET' ? '(hidden)' : JSON.stringify(e.value);
    const reasons = Object.values(e.constraints ?? {})
      .map((m) => m.replace(new RegExp(`^${e.property}\\s*`), ''))
      .join('; ');
    return `${e.property} ${reasons} (got ${shown})`;
  });
}

/** Validates raw variables; throws ConfigError naming every wrong variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const known = Object.keys(new Env());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'SMTP_URL']) {
    if (raw[key] !== undefined) picked[key] = raw[key];
  }
  const env = plainToInstance(Env, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  const problems = describe(errors);
  if (env.NODE_ENV === 'production' && env.SESSION_SECRET === new Env().SESSION_SECRET) {
    problems.push('SESSION_SECRET must be set to a secret of your own in production');
  }
  if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
    // the embedded catcher shows every mail, reset links included, to coordinators: fine for a
    // local run, never for real users
    problems.push('SMTP_URL must be set in production (without it mail is only captured, not sent)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}
