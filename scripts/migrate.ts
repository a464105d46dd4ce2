/* Database migrations: `run`, `revert`, or `generate <path/Name>` (writes a migration from entity changes). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, loadEnv } from '@portal/config';
import { checkPostgres, createDataSource, ensureDatabase, ServiceUnreachableError } from '@portal/schema';

function className(path: string, timestamp: number): string {
  const base = basename(path).replace(/\.ts$/, '');
  const pascal = base
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return `${pascal}${timestamp}`;
}

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function main(): Promise<void> {
  const [command, target] = process.argv.slice(2);
  const env = loadEnv();
  await checkPostgres(env);
  await ensureDatabase(env);
  const dataSource = createDataSource(env, { logging: ['error', 'migration'] });
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const done = await dataSource.runMigrations({ transaction: 'each' });
      console.log(done.length ? `Applied: ${done.map((m) => m.name).join(', ')}` : 'Database is up to date.');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else if (command === 'generate') {
      if (!target) throw new Error('usage: npm run migration:generate -- libs/<area>/src/migrations/<Name>');
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('No changes between the entities and the database: nothing generated.');
        return;
      }
      const timestamp = Date.now();
      const name = className(target, timestamp);
      const up = sql.upQueries.map((q) => `    await q.query(${quote(q.query)});`).join('\n');
      const down = sql.downQueries
        .reverse()
        .map((q) => `    await q.query(${quote(q.query)});`)
        .join('\n');
      const file = join(dirname(target), `${timestamp}-${basename(target).replace(/\.ts$/, '')}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
          `/** Generated: review the SQL and the constraint names, then add the class to libs/schema/src/index.ts. */\n` +
          `export class ${name} implements MigrationInterface {\n  name = '${name}';\n\n` +
          `  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n` +
          `  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      console.log(`Wrote ${file}`);
    } else {
      throw new Error('usage: migrate.js run | revert | generate <path/Name>');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ServiceUnreachableError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
