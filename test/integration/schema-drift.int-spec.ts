import { DataSource } from 'typeorm';
import { createDataSource } from '@portal/schema';

/**
 * The migrations make the schema; the entity decorators must describe it (same columns,
 * constraint and index names), or `npm run migration:generate` proposes to undo them.
 * Runs on this run's database, which global-setup migrated from scratch.
 */
describe('schema drift', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource();
    await ds.initialize();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('runs on a fully migrated database', async () => {
    await expect(ds.showMigrations()).resolves.toBe(false);
  });

  it('has entities that match the migrated schema (fix the entity decorators, or write a migration)', async () => {
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    // the received array lists the SQL that schema sync would run to make the database fit the entities
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});
