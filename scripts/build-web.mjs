// Builds the web portal (apps/web) with Vite into dist/web and reports its bundle size (every
// file, raw and gzip). Run by scripts/build.mjs, and alone by the browser tests when dist/web is
// missing or older than its sources: node scripts/build-web.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const WEB_OUT = 'dist/web';
await build({
  root: 'apps/web',
  configFile: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: join(process.cwd(), WEB_OUT),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      // React Query marks its modules "use client" (for server components): meaningless in a bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});

// the bundle size: every file in dist/web (the bundle and public/), raw and gzip
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const rows = readdirSync(WEB_OUT, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => {
    const path = join(entry.parentPath, entry.name);
    const content = readFileSync(path);
    return { file: relative(WEB_OUT, path), raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
const width = Math.max(...rows.map((row) => row.file.length), 'total'.length);
console.log(`\nweb bundle (${WEB_OUT}):`);
for (const row of rows) {
  console.log(`  ${row.file.padEnd(width)}  ${kB(row.raw).padStart(10)}  gzip ${kB(row.gzip).padStart(9)}`);
}
const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
console.log(`  ${'total'.padEnd(width)}  ${kB(total('raw')).padStart(10)}  gzip ${kB(total('gzip')).padStart(9)}`);
