import { loadEnv } from '@portal/config';
test('db', () => {
  // eslint-disable-next-line
  process.stdout.write(loadEnv().DATABASE_URL + '\n');
});
