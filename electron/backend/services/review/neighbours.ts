import { sql } from 'kysely';
import type { Neighbours } from '../../../../shared/api/methods/review';
import type { Database } from '../../db/database';
import { librarySql, type LibraryView } from '../library-view';
import { requireInteraction } from './interaction-exists';

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
 * itself, so the order here is always the list's order, on either engine.
 */
export async function interactionNeighbours(
  database: Database,
  id: number,
  view: LibraryView,
): Promise<Neighbours> {
  const q = database.query;
  await requireInteraction(q, id, 'id');
  const v = librarySql(database.engine, view);
  if (!v) return { position: null, total: 0, previous: null, next: null };
  const ordered = sql`ordered AS (
      SELECT i.id AS id, i.kind AS kind, i.title AS title,
        row_number() OVER (ORDER BY ${v.orderBy}) AS pos, count(*) OVER () AS total
      FROM ${v.from} ${v.where}
    )`;
  // A search brings its own WITH (the hits); the numbered view joins it.
  const withClause = v.search ? sql`${v.with}, ${ordered}` : sql`WITH ${ordered}`;
  const { rows } = await sql<Row>`${withClause}, me AS (SELECT pos, total FROM ordered WHERE id = ${id})
       SELECT o.id, o.kind, o.title, o.pos, me.pos AS mine, me.total
       FROM ordered o JOIN me ON o.pos BETWEEN me.pos - 1 AND me.pos + 1`.execute(q);
  const mine = rows[0];
  if (!mine) {
    const { rows: count } = await sql<{
      n: number;
    }>`${v.with} SELECT count(*) AS n FROM ${v.from} ${v.where}`.execute(q);
    return { position: null, total: count[0]!.n, previous: null, next: null };
  }
  const at = (pos: number) => {
    const row = rows.find((r) => r.pos === pos);
    return row ? { id: row.id, kind: row.kind, title: row.title } : null;
  };
  return { position: mine.mine, total: mine.total, previous: at(mine.mine - 1), next: at(mine.mine + 1) };
}
