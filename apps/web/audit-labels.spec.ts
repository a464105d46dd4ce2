import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MEMBERSHIP_STATUSES } from '@portal/identity';
import { ACTIONS_EN, ACTIONS_HU } from './src/areas/coordinator/auditMessages';

/** Every .ts file under `dir`, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The action codes the services write: the literals given as `action:` (also in a conditional)
 * and as the action argument of a `saveRevision(…)`, and the codes made from a template.
 */
function writtenActions(): Set<string> {
  const codes = new Set<string>();
  const code = /'([a-z_]+\.[a-z_]+)'/g;
  for (const file of sources(join(__dirname, '../../libs'))) {
    const text = readFileSync(file, 'utf8');
    for (const [, expression] of text.matchAll(/action: ([^,\n]+)/g)) {
      for (const [, literal] of expression.matchAll(code)) codes.add(literal);
    }
    for (const [, call] of text.matchAll(/saveRevision\(([^;]+?)\);/gs)) {
      for (const [, literal] of call.matchAll(code)) codes.add(literal);
    }
  }
  // `membership.${status}` (every decision), `${kind.name}.added|updated|removed` (a call's contents)
  for (const status of MEMBERSHIP_STATUSES.filter((s) => s !== 'pending')) codes.add(`membership.${status}`);
  for (const kind of ['call_theme', 'call_criterion', 'call_question']) {
    for (const change of ['added', 'updated', 'removed']) codes.add(`${kind}.${change}`);
  }
  return codes;
}

describe('the audit log’s action labels', () => {
  const written = [...writtenActions()].sort();

  it('finds the codes the services write', () => {
    expect(written).toEqual(expect.arrayContaining(['application.formal_checked', 'call.decided', 'user.logged_in']));
    expect(written.length).toBeGreaterThan(50);
  });

  it('has a Hungarian and an English label for each of them', () => {
    expect(written.filter((action) => !ACTIONS_HU[action])).toEqual([]);
    expect(written.filter((action) => !ACTIONS_EN[action])).toEqual([]);
  });

  it('labels nothing else, in the same codes in both languages', () => {
    expect(Object.keys(ACTIONS_HU).sort()).toEqual(Object.keys(ACTIONS_EN).sort());
    expect(Object.keys(ACTIONS_HU).filter((action) => !written.includes(action))).toEqual([]);
  });
});
