export { Env, ConfigError, validateEnv } from './env.schema';
export { ConfigModule, loadEnv, resetEnv, overrideEnv } from './config.module';
