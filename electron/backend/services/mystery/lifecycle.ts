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
import type { Query } from '../../db/schema';
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
  return moveShop(database, id, ['draft'], 'submitted', profileId, null, async (trx, stored) => {
    const breakdown = scoreEvaluation(
      (await loadVersion(trx, stored.versionId)).rubric,
      stored.fields.answers,
    );
    if (!breakdown.complete) throw incomplete(stored.fields.shopId, breakdown);
  });
}

export function queryShop(
  database: Database,
  id: number,
  reason: string,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  return moveShop(database, id, ['submitted', 'confirmed'], 'queried', profileId, reason);
}

export function confirmShop(
  database: Database,
  id: number,
  profileId: number | null,
): Promise<MysteryShopDetail> {
  return moveShop(database, id, ['submitted', 'queried'], 'confirmed', profileId, null);
}

/**
 * One step of a shop's life: refused unless the shop is in one of `from`, then its new status and the
 * audit row saying who moved it, when and why, in one transaction. `check` may refuse the step first.
 */
async function moveShop(
  database: Database,
  id: number,
  from: MysteryStatus[],
  to: 'submitted' | 'queried' | 'confirmed',
  profileId: number | null,
  reason: string | null,
  check?: (trx: Query, stored: Awaited<ReturnType<typeof fieldsOf>>) => Promise<void>,
): Promise<MysteryShopDetail> {
  const at = nowIso(database);
  return database.transaction(async (trx) => {
    const stored = await fieldsOf(trx, id);
    refuseUnless(stored.status, from, to, stored.fields.shopId);
    await check?.(trx, stored);
    await setStatus(trx, at, id, to);
    await audit(trx, at, id, to, profileId, reason, []);
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
