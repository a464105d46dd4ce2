import { DataSource } from 'typeorm';
import { createDataSource } from '@portal/schema';

/**
 * The database connection (dataSourceOptions) names the parameterised statements it is asked
 * for often (PreparingClient): PostgreSQL parses and plans them once per connection.
 * Runs on this run's database.
 */
describe('prepared statements', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource();
    await ds.initialize();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  /** The texts of the prepared statements of the connection `run` is given. */
  async function preparedAfter(run: (query: (text: string, values?: unknown[]) => Promise<unknown>) => Promise<void>) {
    const runner = ds.createQueryRunner();
    try {
      await runner.connect();
      await run((text, values) => runner.query(text, values));
      const rows: Array<{ statement: string }> = await runner.query('SELECT statement FROM pg_prepared_statements');
      return rows.map((row) => row.statement);
    } finally {
      await runner.release();
    }
  }

  it('prepares a parameterised statement from its third use on, and answers it the same', async () => {
    const text = `SELECT $1::int + 1 AS next /* prepared-statements ${Date.now()} */`;
    const answers: unknown[] = [];
    const prepared = await preparedAfter(async (query) => {
      for (const n of [1, 2, 3, 4, 5]) answers.push(await query(text, [n]));
    });
    expect(prepared).toContain(text);
    expect(answers).toEqual([2, 3, 4, 5, 6].map((next) => [{ next }]));
  });

  it('leaves statements without values, and those used once or twice, unnamed', async () => {
    const once = `SELECT $1::text AS once /* ${Date.now()} */`;
    const plain = `SELECT 1 AS plain /* ${Date.now()} */`;
    const prepared = await preparedAfter(async (query) => {
      await query(once, ['a']);
      await query(once, ['b']);
      for (let i = 0; i < 5; i++) await query(plain);
    });
    expect(prepared).not.toContain(once);
    expect(prepared).not.toContain(plain);
  });

  it('a failing prepared statement fails as an unnamed one would, and the connection goes on', async () => {
    const text = `SELECT 1 / $1::int AS quotient /* ${Date.now()} */`;
    const prepared = await preparedAfter(async (query) => {
      for (const n of [1, 2, 4]) await query(text, [n]);
      await expect(query(text, [0])).rejects.toThrow('division by zero');
      await expect(query(text, [2])).resolves.toEqual([{ quotient: 0 }]);
    });
    expect(prepared).toContain(text);
  });
});
