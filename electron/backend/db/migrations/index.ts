import type { Migration } from '../open';
import { migrations as sqliteMigrations } from './sqlite';
import { postgresMigrations } from './postgres';

/**
 * Each engine has its own migration files under the same numbers and names: migration N leaves the same
 * tables, columns, constraints and guarantees on both (test/integration/db/schema-parity.test.ts compares
 * them). A new migration is added to both lists, with the next free number.
 */
export const migrations: readonly Migration[] = sqliteMigrations;
export { postgresMigrations, sqliteMigrations };
