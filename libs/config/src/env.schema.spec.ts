import { ConfigError, validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('gives working defaults for the local services', () => {
    const env = validateEnv({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/logy_portal');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.LOGIN_MAX_FAILURES).toBe(5);
    expect(env.LOGIN_WINDOW_MINUTES).toBe(15);
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnv({ PORT: '8080', COOKIE_SECURE: 'true', TRUST_PROXY: '1', SMTP_URL: '' });
    expect(env).toMatchObject({ PORT: 8080, COOKIE_SECURE: true, TRUST_PROXY: 1 });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('names every wrong variable and what it got', () => {
    let error: unknown;
    try {
      validateEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT .*\(got "abc"\)/m);
    expect(problems).toMatch(/^DATABASE_URL must be a postgres:\/\/ URL \(got "mysql:\/\/x"\)/m);
    expect(problems).toMatch(/^REDIS_URL must be a redis:\/\/ URL/m);
    expect(problems).toMatch(/^LOG_LEVEL /m);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('never prints the session secret, and demands one of its own in production', () => {
    expect(() => validateEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET .*\(got \(hidden\)\)/);
    expect(() => validateEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' })).toThrow(
      /SESSION_SECRET must be set/,
    );
    expect(
      validateEnv({ NODE_ENV: 'production', SESSION_SECRET: 'a-long-and-secret-value', SMTP_URL: 'smtp://mail:25' })
        .NODE_ENV,
    ).toBe('production');
  });

  it('refuses to only capture mail in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production', SESSION_SECRET: 'a-long-and-secret-value' })).toThrow(
      /SMTP_URL must be set in production/,
    );
  });
});
