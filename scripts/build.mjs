// Compiles apps/, libs/ and scripts/ to dist/ with swc (type checking is `npm run check`),
// then builds the web portal (apps/web) with Vite into dist/web and reports its bundle size.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require.resolve('@swc/cli/bin/swc.js');
rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    swc,
    'apps',
    'libs',
    'scripts',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts,apps/web/**',
    '--quiet',
  ],
  { stdio: 'inherit' },
);

// the web portal (apps/web) with Vite into dist/web, and its bundle size
await import('./build-web.mjs');
