import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { Env, validateEnv } from './env.schema';

let loaded: Env | undefined;

/**
 * The only reader of process.env. A `.env` file in the working directory is read first
 * (variables already set win). The result is validated once and shared.
 */
export function loadEnv(): Env {
  if (!loaded) {
    const file = resolve(process.cwd(), '.env');
    if (existsSync(file)) process.loadEnvFile(file);
    loaded = validateEnv(process.env);
  }
  return loaded;
}

/** Forgets the validated configuration, so that the next loadEnv() reads it again (tests). */
export function resetEnv(): void {
  loaded = undefined;
}

/** Sets variables for this process before the configuration is read (tests, scripts). */
export function overrideEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  loaded = undefined;
}

@Global()
@Module({
  providers: [{ provide: Env, useFactory: loadEnv }],
  exports: [Env],
})
export class ConfigModule {}
