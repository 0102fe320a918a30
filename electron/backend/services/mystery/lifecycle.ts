import type {
  MysteryAuditEntry,
  MysteryShopDetail,
  MysteryStatus,
} from '../../../../shared/api/methods/mystery';
import type { ParsedParams } from '../../../../shared/api';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { EarmarkError } from '../../../../shared/errors';
import { nowIso } from '../../clock';
import type { Database } from '../../db/database';
import { loadVersion } from '../rubrics/version-cache';
import { audit, fieldsOf, getShop, incomplete, insertShop, setStatus, updateShop } from './store';

/**
 * The life of a shop: a draft autosaves until it is submitted; a team lead may query a submitted
 * result (with a reason); the entry person then corrects it (with a reason, the change audited) or
 * confirms it. Every step is a row in the shop's audit trail.
 */

function refuseUnless(status: MysteryStatus, allowed: MysteryStatus[], action: string, shopId: string): void {
  if (!allowed.includes(status)) {
    throw new EarmarkError(
      'conflict',
      `Shop "${shopId}" is ${status}; only a ${allowed.join(' or ')} shop can be ${action}.`,
    );
  }
}

export async function saveDraft(
  database: Database,
  params: ParsedParams<'mystery.saveDraft'>,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    if (params.id === undefined) {
      return getShop(trx, await insertShop(trx, at, params.fields, 'draft', 'created', profileId));
    }
    const stored = await fieldsOf(trx, params.id);
    refuseUnless(stored.status, ['draft'], 'saved as a draft', stored.fields.shopId);
    if (params.fields.rubricId !== stored.fields.rubricId) {
      throw new EarmarkError('conflict', 'rubricId: a shop keeps the checklist it was started with.');
    }
    await updateShop(trx, at, params.id, params.fields, stored.versionId);
    return getShop(trx, params.id);
  });
}

export async function submitShop(
  database: Database,
  id: number,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const { status, fields, versionId } = await fieldsOf(trx, id);
    refuseUnless(status, ['draft'], 'submitted', fields.shopId);
    const breakdown = scoreEvaluation((await loadVersion(trx, versionId)).rubric, fields.answers);
    if (!breakdown.complete) throw incomplete(fields.shopId, breakdown);
    await setStatus(trx, at, id, 'submitted');
    await audit(trx, at, id, 'submitted', profileId, null, []);
    return getShop(trx, id);
  });
}

export async function queryShop(
  database: Database,
  id: number,
  reason: string,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const { status, fields } = await fieldsOf(trx, id);
    refuseUnless(status, ['submitted', 'confirmed'], 'queried', fields.shopId);
    await setStatus(trx, at, id, 'queried');
    await audit(trx, at, id, 'queried', profileId, reason, []);
    return getShop(trx, id);
  });
}

export async function confirmShop(
  database: Database,
  id: number,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const { status, fields } = await fieldsOf(trx, id);
    refuseUnless(status, ['submitted', 'queried'], 'confirmed', fields.shopId);
    await setStatus(trx, at, id, 'confirmed');
    await audit(trx, at, id, 'confirmed', profileId, null, []);
    return getShop(trx, id);
  });
}

export async function correctShop(
  database: Database,
  params: ParsedParams<'mystery.correct'>,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const stored = await fieldsOf(trx, params.id);
    refuseUnless(stored.status, ['submitted', 'queried'], 'corrected', stored.fields.shopId);
    const next = { ...params.fields, rubricId: stored.fields.rubricId };
    const breakdown = scoreEvaluation((await loadVersion(trx, stored.versionId)).rubric, next.answers);
    if (!breakdown.complete) throw incomplete(next.shopId, breakdown);
    const changes: MysteryAuditEntry['changes'] = [];
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      const before = stored.fields[key];
      const after = next[key];
      if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field: key, before, after });
    }
    await updateShop(trx, at, params.id, next, stored.versionId);
    // A corrected result is settled: the query is answered by the change itself.
    await setStatus(trx, at, params.id, 'confirmed');
    await audit(trx, at, params.id, 'corrected', profileId, params.reason, changes);
    return getShop(trx, params.id);
  });
}
