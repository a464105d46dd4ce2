import type { TestCall } from '../factories/calls';
import { newJuror, scoringCall, seatJurors } from '../factories/jury';
import { newUser, type TestUser } from '../factories/users';
import { signIn, type SignedIn, type TestApp } from './test-app';

/* The clients of a rush in the fault tests: applicants with complete drafts, jurors with scorecards to save. */

const DAY = 86_400_000;

/** A change request of `who`, with its session's CSRF token. */
function send(method: 'put' | 'post' | 'patch', who: SignedIn, url: string, body: object) {
  return who.agent[method](url).set('X-CSRF-Token', who.csrf).send(body);
}
export const put = (who: SignedIn, url: string, body: object) => send('put', who, url, body);
export const post = (who: SignedIn, url: string, body: object = {}) => send('post', who, url, body);
export const patch = (who: SignedIn, url: string, body: object) => send('patch', who, url, body);

/** Every field of the application form, so that it can be submitted. */
export function completeContent(title: string): Record<string, unknown> {
  return {
    title,
    summary: 'Összefoglaló: árvíztűrő közösségi kert a faluházban.',
    problem: 'Az idősek elszigetelten éltek a külterületen.',
    practice: 'Falugondnoki hálózat és heti közösségi ebéd.',
    results: 'A résztvevők száma két év alatt 35-ről 120-ra nőtt.',
    costHuf: 12_500_000,
    funding: 'Saját forrás.',
    partners: 'Református egyházközség',
    communityParticipation: 'Önkéntesek főznek és szállítanak.',
    sustainability: 'A költségvetés évente fedezi.',
    adoption: 'Egy falugondnok és egy konyha kell hozzá.',
    startDate: '2019-09-01',
    contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori.dezso@teszt.hu', phone: '+36 30 123 4567' },
    answers: {},
  };
}

export interface Applicant {
  /** The municipality's approved staff: each gets the receipt mail of a submission. */
  staff: TestUser[];
  /** The first of them, signed in. */
  api: SignedIn;
  applicationId: string;
  version: number;
}

/** A municipality with `staff` approved members and a complete draft of its application to `call`. */
export async function applicant(t: TestApp, call: TestCall, ksh: string, staff = 1): Promise<Applicant> {
  const members: TestUser[] = [];
  for (let i = 0; i < staff; i++) {
    members.push(await newUser(t.dataSource, { municipalityKsh: ksh, name: `Jegyző Ödön ${ksh}/${i + 1}` }));
  }
  const api = await signIn(t.server, members[0].email, members[0].password);
  const created = await post(api, `/api/calls/${call.id}/applications`, {
    themeId: call.themes[0].id,
    municipalityKsh: ksh,
  }).expect(201);
  const saved = await patch(api, `/api/applications/${created.body.id as string}`, {
    version: created.body.version as number,
    content: completeContent(`Közösségi kert ${ksh}`),
  }).expect(200);
  return { staff: members, api, applicationId: created.body.id as string, version: saved.body.version as number };
}

/** A scoring round open at `now` with two jurors' assignments, for scorecard saves. */
export async function openRound(t: TestApp, now: string) {
  const call = await scoringCall(t.dataSource, { now: new Date(now), applications: 3 });
  const jurors: TestUser[] = [];
  for (const code of ['BM', 'TÖOSZ']) jurors.push(await newJuror(t.dataSource, { organisationCode: code }));
  await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
  const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
  await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 2 }).expect(200);
  const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
    closesAt: new Date(new Date(now).getTime() + 7 * DAY).toISOString(),
  }).expect(201);
  await post(coordinator, `/api/rounds/${round.body.id as string}/auto-assign`).expect(200);
  const criteria = (round.body.criteria as Array<{ id: string }>).map((c) => c.id);
  const cards: Array<{ juror: SignedIn; assignmentId: string }> = [];
  for (const juror of jurors) {
    const agent = await signIn(t.server, juror.email, juror.password);
    const mine = await agent.agent.get(`/api/jury/assignments?roundId=${round.body.id as string}`).expect(200);
    for (const a of mine.body.items as Array<{ id: string }>) cards.push({ juror: agent, assignmentId: a.id });
  }
  return { criteria, cards };
}
