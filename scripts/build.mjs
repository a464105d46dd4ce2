// Compiles apps/, libs/ and scripts/ to dist/ with swc (type checking is `npm run check`).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require.resolve('@swc/cli/bin/swc.js');
rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [swc, 'apps', 'libs', 'scripts', '-d', 'dist', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
  { stdio: 'inherit' },
);
