import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { methodNames } from '../../../shared/api';
import type { MysteryShopDetail } from '../../../shared/api/methods/mystery';
import type { ReviewerProfile, ReviewerRole } from '../../../shared/api/methods/profiles';
import { permissions } from '../../../shared/permissions/roles';
import { asProfile, call, callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { tempDir } from '../../support/paths';
import { buildTeam, type Team } from '../coaching/fixture';
import { createProfile } from '../evaluations/fixture';
import { mysteryChecklistId, shopFields, submitShop } from './fixture';
import { csv, germanMapping, germanRow } from './sheet';

/**
 * Every mystery method called as every role (issue 12, points 4 and 5). The expectations are written
 * out here, not read from the role table, so a wrong row in the table fails.
 */

const ALL: ReviewerRole[] = ['qa_supervisor', 'team_lead', 'mystery_shopper'];
const ENTRY: ReviewerRole[] = ['mystery_shopper', 'qa_supervisor'];

const expected: Record<string, ReviewerRole[]> = {
  'mystery.list': ALL,
  'mystery.get': ALL,
  'mystery.report': ALL,
  'mystery.agentShops': ALL,
  'mystery.teamFigures': ALL,
  'scenario.list': ALL,
  'mystery.saveDraft': ENTRY,
  'mystery.submit': ENTRY,
  'mystery.query': ['team_lead'],
  'mystery.confirm': ENTRY,
  'mystery.correct': ENTRY,
  'scenario.save': ENTRY,
  'mysteryImport.preview': ENTRY,
  'mysteryImport.dryRun': ENTRY,
  'mysteryImport.run': ENTRY,
  'mysteryImport.loadMapping': ENTRY,
  'mysteryImport.saveMapping': ENTRY,
  'mysteryImport.forgetSheet': ENTRY,
  'mysteryImport.loadMappingText': ENTRY,
};

const words: Partial<Record<ReviewerRole, RegExp>> = {
  qa_supervisor: /^A QA supervisor \(role qa_supervisor\)/,
  team_lead: /^A team lead \(role team_lead\)/,
  mystery_shopper: /^A mystery shopper \(role mystery_shopper\)/,
};

let backend: Backend;
let cleanup: () => Promise<void>;
let world: Team;
let checklist: number;
let shopper: ReviewerProfile;
const asRole = {} as Record<ReviewerRole, ReviewerProfile>;
/** An agency's sheet and a mapping file for the import methods. */
const folder = tempDir('earmark-mystery-permissions-');
const sheet = join(folder.dir, 'welle1.csv');
const mappingFile = join(folder.dir, 'mapping.json');

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildTeam(backend);
  shopper = await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
  asRole.qa_supervisor = world.maria;
  asRole.team_lead = world.lena;
  asRole.mystery_shopper = shopper;
  checklist = await mysteryChecklistId(backend);
  writeFileSync(sheet, csv([germanRow(1), germanRow(2)]));
  writeFileSync(mappingFile, JSON.stringify(germanMapping));
});
afterAll(async () => {
  await cleanup();
  folder.cleanup();
});

let serial = 0;
const fresh = () => `P-${++serial}`;

/** A shop in the state the method starts from, entered by the shopper; returns the params to call with. */
async function paramsFor(method: string): Promise<{ params: unknown; shop?: number }> {
  const submitted = async () => (await submitShop(backend, shopFields(checklist, { shopId: fresh() }))).id;
  switch (method) {
    case 'mystery.list':
    case 'mystery.teamFigures':
    case 'scenario.list':
      return { params: {} };
    case 'mystery.report':
      return { params: { by: 'team' } };
    case 'mystery.get':
      return { params: { id: await submitted() } };
    case 'mystery.agentShops':
      return { params: { agentId: world.agents['Anna Berg']!.id } };
    case 'mystery.saveDraft':
      return { params: { fields: shopFields(checklist, { shopId: fresh() }) } };
    case 'mystery.submit': {
      const draft = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
        fields: shopFields(checklist, { shopId: fresh() }),
      });
      return { params: { id: draft.id }, shop: draft.id };
    }
    case 'mystery.query': {
      const id = await submitted();
      return { params: { id, reason: 'The agent was on a break.' }, shop: id };
    }
    case 'mystery.confirm': {
      const id = await submitted();
      return { params: { id }, shop: id };
    }
    case 'mystery.correct': {
      const id = await submitted();
      const { rubricId: _kept, ...fields } = shopFields(checklist, { shopId: `${fresh()}-c`, notes: 'x' });
      return { params: { id, fields, reason: 'Typo in the shop id' }, shop: id };
    }
    case 'scenario.save':
      return { params: { title: `Scenario ${fresh()}` } };
    case 'mysteryImport.preview':
      return { params: { path: sheet } };
    case 'mysteryImport.dryRun':
    case 'mysteryImport.run':
      return { params: { path: sheet, mapping: germanMapping } };
    case 'mysteryImport.loadMapping':
      return { params: { path: mappingFile } };
    case 'mysteryImport.forgetSheet':
      return { params: { path: sheet } };
    case 'mysteryImport.saveMapping':
      return { params: { path: join(folder.dir, `${fresh()}.json`), mapping: germanMapping } };
    case 'mysteryImport.loadMappingText':
      return { params: { fileName: 'mapping.json', text: JSON.stringify(germanMapping) } };
    default:
      throw new Error(`no parameters written for ${method}`);
  }
}

const status = async (id: number) =>
  (
    await backend.database.query
      .selectFrom('mystery_shops')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

describeEachEngine('who may do what with mystery shops', () => {
  it('has a row in the role table, and a row here, for every mystery method', () => {
    const mysteryMethods = methodNames.filter((m) => /^(mystery|mysteryImport|scenario)\./.test(m));
    expect(mysteryMethods.sort()).toEqual(Object.keys(expected).sort());
    for (const method of mysteryMethods) expect(permissions[method], method).toBeDefined();
  });

  for (const [method, allowed] of Object.entries(expected)) {
    for (const role of ALL) {
      const may = allowed.includes(role);
      it(`${method} as a ${role}: ${may ? 'allowed' : 'refused'}`, async () => {
        const { params, shop } = await paramsFor(method);
        const before = shop === undefined ? undefined : await status(shop);
        const reply = await asProfile(backend, asRole[role].id, () => backend.dispatch(method, params));
        if (may) {
          expect(reply.ok, JSON.stringify(reply)).toBe(true);
          return;
        }
        expect(reply).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
        if (reply.ok) return;
        expect(reply.error.message).toMatch(words[role]!);
        expect(reply.error.message).toContain(`(${method})`);
        // Nothing changes on a refusal.
        if (shop !== undefined) expect(await status(shop)).toBe(before);
      });
    }
  }

  it('names the action and who may do it instead', async () => {
    const { params } = await paramsFor('mystery.submit');
    const reply = await asProfile(backend, world.lena.id, () => backend.dispatch('mystery.submit', params));
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'not_allowed',
        message:
          'A team lead (role team_lead) may not submit mystery shops (mystery.submit); that is for a mystery shopper, a QA supervisor, a QA manager or an administrator.',
      },
    });
  });

  it('refuses every mystery method while no profile is chosen: shops are never public', async () => {
    for (const method of Object.keys(expected)) {
      const { params } = await paramsFor(method);
      const reply = await asProfile(backend, 0, () => backend.dispatch(method, params));
      expect(reply, method).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
  });

  it('follows a role change at once', async () => {
    const id = (await submitShop(backend, shopFields(checklist, { shopId: fresh() }))).id;
    const pekka = world.pekka;
    await callAs(backend, pekka.id, 'profile.update', { id: pekka.id, role: 'mystery_shopper' });
    try {
      const reply = await asProfile(backend, pekka.id, () =>
        backend.dispatch('mystery.query', { id, reason: 'Not our team' }),
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      expect(await callAs<MysteryShopDetail>(backend, pekka.id, 'mystery.confirm', { id })).toMatchObject({
        status: 'confirmed',
      });
    } finally {
      await callAs(backend, pekka.id, 'profile.update', { id: pekka.id, role: 'team_lead' });
    }
  });
});
