export { REDIS, RedisModule, bullConnection } from './redis.module';
