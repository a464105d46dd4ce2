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
// within a file no municipality is handed out twice: tests that need "some municipality" do
// not meet each other's data.
let cursor = Math.floor(Math.random() * 3178);
const handedOut = new Set<string>();

/** `n` distinct real municipalities not handed out before in this test file (optionally filtered). */
export function anyMunicipalities(n: number, filter: MunicipalityFilter = {}): Municipality[] {
  const candidates = all().filter(
    (m) =>
      (filter.county === undefined || m.county === filter.county) &&
      (filter.legalStatus === undefined || m.legalStatus === filter.legalStatus) &&
      (filter.isCountySeat === undefined || m.isCountySeat === filter.isCountySeat),
  );
  const picked: Municipality[] = [];
  for (let step = 0; step < candidates.length && picked.length < n; step++) {
    const m = candidates[(cursor + step) % candidates.length];
    if (!handedOut.has(m.kshCode)) picked.push(m);
  }
  if (picked.length < n) {
    throw new Error(`Only ${picked.length} unused municipalities match ${JSON.stringify(filter)}, ${n} wanted`);
  }
  cursor += n;
  for (const m of picked) handedOut.add(m.kshCode);
  return picked.map((m) => ({ ...m }));
}

export function anyMunicipality(filter: MunicipalityFilter = {}): Municipality {
  return anyMunicipalities(1, filter)[0];
}
