import { sql } from 'kysely';
import type { Database } from '../db/database';

/**
 * What autovacuum does a minute or more after a bulk import, done as soon as a batch has brought calls
 * or chats in (PostgreSQL only): fresh planner statistics and the search index's pending list merged.
 * Until then every search scans the GIN index's pending list (up to 4 MB of unsorted entries, which the
 * import's inserts leave there), and the planner, which knows nothing of the new rows, joins a common
 * word's 10,000 chats one by one. Measured right after importing 1,000,000 segments: the library's
 * searches took a quarter less server CPU once tidied (the worst, a prefix in 64,000 segments, 122 → 95 ms
 * a search). It runs after the batch has ended, so the import is no slower, and closing waits for it.
 *
 * Not VACUUM: its clean-up of a GIN index reads the whole index to count it, so on a team server every
 * single uploaded file would read gigabytes. Merging the pending list costs what is pending, and ANALYZE
 * reads a fixed sample, whatever the size of the library. SKIP_LOCKED: if autovacuum (or another
 * process's tidying) is analysing already, that one does it.
 */
export async function tidyAfterImport(database: Database): Promise<void> {
  if (database.engine !== 'postgres') return;
  await sql`SELECT gin_clean_pending_list('segments_fts'::regclass)`.execute(database.query);
  await sql`ANALYZE (SKIP_LOCKED) segments, segment_search, interactions`.execute(database.query);
}
