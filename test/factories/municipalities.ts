import { closeSync, mkdirSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { County, LegalStatus, Municipality } from '@portal/municipalities';
import { registerRecords } from '../../libs/municipalities/src/migrations/1763800000400-municipality';

/**
 * Real municipalities for tests, read from the same CSV and mapping the migration loads into
 * every test database, so no query is needed: `municipalityByName('Győr').kshCode === '25584'`.
 */
let register: Municipality[] | undefined;

function all(): Municipality[] {
  register ??= registerRecords() as Municipality[];
  return register;
}

export function municipalityByName(name: string): Municipality {
  const found = all().find((m) => m.name === name);
  if (!found) throw new Error(`No municipality named ${JSON.stringify(name)} in the register`);
  return { ...found };
}

export function municipalityByKsh(kshCode: string): Municipality {
  const found = all().find((m) => m.kshCode === kshCode);
  if (!found) throw new Error(`No municipality with KSH code ${JSON.stringify(kshCode)} in the register`);
  return { ...found };
}

export interface MunicipalityFilter {
  county?: County;
  legalStatus?: LegalStatus;
  isCountySeat?: boolean;
}

// Each test file (its own module registry) starts at a different place in the register, and
// no municipality is handed out twice in a test run: a file claims each one it hands out by
// creating a file named after it in the run's claims directory (exclusive create, so two test
// files, even in parallel Jest workers, cannot both claim it). Tests that need "some
// municipality" then never meet each other's data: a test that lists all of a municipality's
// applications sees its own only. Global teardown removes the directory.
let cursor = Math.floor(Math.random() * 3178);
const handedOut = new Set<string>();

/** Where this run's claims go: per run, by the run's Redis prefix (global-setup); none outside a run. */
export function municipalityClaimsDir(): string | undefined {
  // a file with a worker of its own adds ":<hex>" to the prefix (isolateQueuePrefix): the run's part is before it
  const run = process.env.REDIS_PREFIX?.split(':')[0];
  return run ? join(tmpdir(), `${run}-municipalities`) : undefined;
}

/** Claims `kshCode` for this file; false when another file of the run has it. */
function claim(kshCode: string, dir: string | undefined): boolean {
  if (handedOut.has(kshCode)) return false;
  if (dir === undefined) return true;
  try {
    closeSync(openSync(join(dir, kshCode), 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** `n` distinct real municipalities not handed out before in this test run (optionally filtered). */
export function anyMunicipalities(n: number, filter: MunicipalityFilter = {}): Municipality[] {
  const candidates = all().filter(
    (m) =>
      (filter.county === undefined || m.county === filter.county) &&
      (filter.legalStatus === undefined || m.legalStatus === filter.legalStatus) &&
      (filter.isCountySeat === undefined || m.isCountySeat === filter.isCountySeat),
  );
  const dir = municipalityClaimsDir();
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const picked: Municipality[] = [];
  for (let step = 0; step < candidates.length && picked.length < n; step++) {
    const m = candidates[(cursor + step) % candidates.length];
    if (claim(m.kshCode, dir)) picked.push(m);
  }
  if (picked.length < n) {
    throw new Error(`Only ${picked.length} unclaimed municipalities match ${JSON.stringify(filter)}, ${n} wanted`);
  }
  cursor += n;
  for (const m of picked) handedOut.add(m.kshCode);
  return picked.map((m) => ({ ...m }));
}

export function anyMunicipality(filter: MunicipalityFilter = {}): Municipality {
  return anyMunicipalities(1, filter)[0];
}
