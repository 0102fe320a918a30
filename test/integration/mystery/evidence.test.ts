import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { MysteryShopDetail } from '../../../shared/api/methods/mystery';
import { call } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { ANNA_CALL, buildWorld, type World } from '../coaching/fixture';
import { createProfile, refused } from '../evaluations/fixture';
import { mysteryChecklistId, recordingOf, shopFields } from './fixture';

/**
 * A shop's evidence beyond the recording: other files (screenshots, the shopper's report) named by
 * their paths and kept with the shop, through drafts, submit and corrections; and the recording's call,
 * so the shop's page can open and play it.
 */
let backend: Backend;
let cleanup: () => Promise<void>;
let world: World;
let checklist: number;

beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  world = await buildWorld(backend);
  // The entry person, current from here on: entering shops is for that role (shared/permissions/mystery.ts).
  await createProfile(backend, 'Sanna Koski', 'mystery_shopper');
  checklist = await mysteryChecklistId(backend);
});
afterAll(() => cleanup());

describeEachEngine('evidence files and the recording of a shop', () => {
  it('keeps other files with a draft, after submit and through a correction', async () => {
    const files = ['/shots/W1-ev-1 greeting.png', 'C:\\Agentur\\Bericht W1-ev-1.pdf'];
    const draft = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'W1-ev-1', files }),
    });
    expect(draft.files).toEqual(files);
    const submitted = await call<MysteryShopDetail>(backend, 'mystery.submit', { id: draft.id });
    expect(submitted.files).toEqual(files);

    const { rubricId: _rubricId, ...fields } = shopFields(checklist, { shopId: 'W1-ev-1', files });
    const corrected = await call<MysteryShopDetail>(backend, 'mystery.correct', {
      id: draft.id,
      fields: { ...fields, files: [files[0]] },
      reason: 'The PDF belongs to another shop',
    });
    expect(corrected.files).toEqual([files[0]]);
    const change = corrected.audit.at(-1)!.changes.find((c) => c.field === 'files');
    expect(change).toEqual({ field: 'files', before: files, after: [files[0]] });
  });

  it('has no files unless given, and refuses an empty path naming it', async () => {
    const plain = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'W1-ev-2' }),
    });
    expect(plain.files).toEqual([]);
    const error = await refused(backend, 'mystery.saveDraft', {
      id: plain.id,
      fields: shopFields(checklist, { shopId: 'W1-ev-2', files: ['  '] }),
    });
    expect(error.message).toContain('a file path must not be empty');
    expect((await call<MysteryShopDetail>(backend, 'mystery.get', { id: plain.id })).files).toEqual([]);
  });

  it("names the call a recording belongs to, so the shop's page can play it", async () => {
    const annaCall = world.interactions[ANNA_CALL]!;
    const shop = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, {
        shopId: 'W1-ev-3',
        recordingId: await recordingOf(backend, annaCall.id),
      }),
    });
    expect(shop.evidenceInteraction).toEqual({ id: annaCall.id, title: ANNA_CALL });
    const none = await call<MysteryShopDetail>(backend, 'mystery.saveDraft', {
      fields: shopFields(checklist, { shopId: 'W1-ev-4' }),
    });
    expect(none.evidenceInteraction).toBeNull();
  });
});
