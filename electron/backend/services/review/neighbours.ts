import type { Neighbours } from '../../../../shared/api/methods/review';
import type { Db } from '../../db/open';
import { libraryQuery, type LibraryView } from '../library';
import { assertInteraction } from './interaction-exists';

interface Row {
  id: number;
  kind: 'call' | 'chat';
  title: string;
  pos: number;
  mine: number;
  total: number;
}

/**
 * The interactions just before and after one in a library view, numbered the way the list shows them,
 * so a reviewer can move on without going back to the list. The view's SQL comes from the library
 * itself, so the order here is always the list's order.
 */
export function interactionNeighbours(db: Db, id: number, view: LibraryView): Neighbours {
  assertInteraction(db, id, 'id');
  const q = libraryQuery(view);
  if (!q) return { position: null, total: 0, previous: null, next: null };
  const ordered = `ordered AS (
      SELECT i.id AS id, i.kind AS kind, i.title AS title,
        row_number() OVER (ORDER BY ${q.orderBy}) AS pos, count(*) OVER () AS total
      FROM ${q.from} ${q.where}
    )`;
  const withClause = q.with ? `${q.with}, ${ordered}` : `WITH ${ordered}`;
  const rows = db
    .prepare(
      `${withClause}, me AS (SELECT pos, total FROM ordered WHERE id = ?)
       SELECT o.id, o.kind, o.title, o.pos, me.pos AS mine, me.total
       FROM ordered o JOIN me ON o.pos BETWEEN me.pos - 1 AND me.pos + 1`,
    )
    .all(...q.args, id) as Row[];
  const mine = rows[0];
  if (!mine) {
    const total = db.prepare(`${q.with} SELECT count(*) AS n FROM ${q.from} ${q.where}`).get(...q.args) as {
      n: number;
    };
    return { position: null, total: total.n, previous: null, next: null };
  }
  const at = (pos: number) => {
    const row = rows.find((r) => r.pos === pos);
    return row ? { id: row.id, kind: row.kind, title: row.title } : null;
  };
  return { position: mine.mine, total: mine.total, previous: at(mine.mine - 1), next: at(mine.mine + 1) };
}
