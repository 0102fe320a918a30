import foundation from './001-foundation';
import importAndSearch from './002-import-and-search';

/**
 * Numbered migrations, oldest first. A migration that has run is never edited: its hash is
 * recorded and checked at every start. Add a new file instead.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '001-foundation', sql: foundation },
  { version: 2, name: '002-import-and-search', sql: importAndSearch },
];
