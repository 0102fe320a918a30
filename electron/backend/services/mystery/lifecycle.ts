import type {
  MysteryAuditEntry,
  MysteryShopDetail,
  MysteryStatus,
} from '../../../../shared/api/methods/mystery';
import type { ParsedParams } from '../../../../shared/api';
import { scoreEvaluation } from '../../../../shared/rubric/scoring';
import { EarmarkError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { versionContent } from '../rubrics/version-cache';
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

export function saveDraft(db: Db, params: ParsedParams<'mystery.saveDraft'>, profileId: number | null) {
  return db.transaction((): MysteryShopDetail => {
    if (params.id === undefined) {
      return getShop(db, insertShop(db, params.fields, 'draft', 'created', profileId));
    }
    const stored = fieldsOf(db, params.id);
    refuseUnless(stored.status, ['draft'], 'saved as a draft', stored.fields.shopId);
    if (params.fields.rubricId !== stored.fields.rubricId) {
      throw new EarmarkError('conflict', 'rubricId: a shop keeps the checklist it was started with.');
    }
    updateShop(db, params.id, params.fields, stored.versionId);
    return getShop(db, params.id);
  })();
}

export function submitShop(db: Db, id: number, profileId: number | null): MysteryShopDetail {
  return db.transaction(() => {
    const { status, fields, versionId } = fieldsOf(db, id);
    refuseUnless(status, ['draft'], 'submitted', fields.shopId);
    const breakdown = scoreEvaluation(versionContent(db, versionId).rubric, fields.answers);
    if (!breakdown.complete) throw incomplete(fields.shopId, breakdown);
    setStatus(db, id, 'submitted');
    audit(db, id, 'submitted', profileId, null, []);
    return getShop(db, id);
  })();
}

export function queryShop(db: Db, id: number, reason: string, profileId: number | null): MysteryShopDetail {
  return db.transaction(() => {
    const { status, fields } = fieldsOf(db, id);
    refuseUnless(status, ['submitted', 'confirmed'], 'queried', fields.shopId);
    setStatus(db, id, 'queried');
    audit(db, id, 'queried', profileId, reason, []);
    return getShop(db, id);
  })();
}

export function confirmShop(db: Db, id: number, profileId: number | null): MysteryShopDetail {
  return db.transaction(() => {
    const { status, fields } = fieldsOf(db, id);
    refuseUnless(status, ['submitted', 'queried'], 'confirmed', fields.shopId);
    setStatus(db, id, 'confirmed');
    audit(db, id, 'confirmed', profileId, null, []);
    return getShop(db, id);
  })();
}

export function correctShop(
  db: Db,
  params: ParsedParams<'mystery.correct'>,
  profileId: number | null,
): MysteryShopDetail {
  return db.transaction(() => {
    const stored = fieldsOf(db, params.id);
    refuseUnless(stored.status, ['submitted', 'queried'], 'corrected', stored.fields.shopId);
    const next = { ...params.fields, rubricId: stored.fields.rubricId };
    const breakdown = scoreEvaluation(versionContent(db, stored.versionId).rubric, next.answers);
    if (!breakdown.complete) throw incomplete(next.shopId, breakdown);
    const changes: MysteryAuditEntry['changes'] = [];
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      const before = stored.fields[key];
      const after = next[key];
      if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field: key, before, after });
    }
    updateShop(db, params.id, next, stored.versionId);
    // A corrected result is settled: the query is answered by the change itself.
    setStatus(db, params.id, 'confirmed');
    audit(db, params.id, 'corrected', profileId, params.reason, changes);
    return getShop(db, params.id);
  })();
}
