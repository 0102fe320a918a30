import { EarmarkError, isErrorCode, type ErrorCode } from '../../shared/errors';

/**
 * The database's own refusals, as the API reports them. Services check their rules before they write,
 * but the schema backs them up (constraints, triggers); when a write gets past a service's check, the
 * refusal is still the caller's problem (a name taken, a value out of range, a locked evaluation),
 * not a crash: it becomes the typed code it means, with a message that names the field.
 */

/**
 * What each trigger's RAISE means. A trigger added later can say it itself by starting its message with
 * the code ("not_allowed: ..."); one in neither place is a rule of the data, refused as a conflict.
 */
const triggerCodes: Record<string, ErrorCode> = {
  'a submitted evaluation is locked; reopen it first': 'conflict',
  'an evaluation keeps the rubric version it was scored on': 'conflict',
  'a published rubric version cannot be changed; publish a new version': 'conflict',
  'a published rubric version is never deleted': 'conflict',
  'the audit trail is append-only': 'conflict',
};

interface SqliteFailure {
  code: string;
  message: string;
}

function isSqliteFailure(error: unknown): error is SqliteFailure {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** `reviewer_profiles.name` → `name`, `held_on` → `heldOn`: the field as the API spells it. */
const fieldOf = (column: string) =>
  (column.split('.').pop() ?? column).replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
/** `reviewer_profiles` → `reviewer profile`: the table as a word. */
const nounOf = (column: string) => (column.split('.')[0] ?? column).replace(/_/g, ' ').replace(/s$/, '');
const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** Words in a CHECK expression that are SQL, not columns. */
const SQL_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'between', 'glob', 'like']);

/** The typed error a database failure stands for; null when it is not the caller's doing (a bug, a full disk). */
export function fromDatabaseError(error: unknown): EarmarkError | null {
  if (isPostgresFailure(error)) return fromPostgresError(error);
  if (!isSqliteFailure(error)) return null;
  const detail = error.message.replace(/^[A-Z ]+ constraint failed: /, '');
  switch (error.code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY': {
      // An index on an expression is named, not its columns.
      if (/^index '/.test(detail))
        return new EarmarkError('conflict', `One like this exists already (${detail}).`);
      const columns = detail.split(',').map((column) => column.trim());
      const fields = columns.map(fieldOf);
      return new EarmarkError(
        'conflict',
        `${fields.join(', ')}: ${withArticle(nounOf(columns[0]!))} with this ${fields.join(' and ')} exists already.`,
      );
    }
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return new EarmarkError(
        'invalid_params',
        `${fieldOf(detail)}: ${withArticle(nounOf(detail))} needs a ${fieldOf(detail)}.`,
      );
    case 'SQLITE_CONSTRAINT_CHECK': {
      const column = guardedColumn(detail);
      const field = column ? fieldOf(column) : 'a value';
      return new EarmarkError('invalid_params', `${field}: the value is not allowed (${detail}).`);
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new EarmarkError(
        'not_found',
        'The change refers to something that does not exist (any more), or removes something still in use.',
      );
    case 'SQLITE_CONSTRAINT_TRIGGER': {
      const prefixed = /^([a-z_]+): (.+)$/s.exec(error.message);
      if (prefixed && isErrorCode(prefixed[1])) return new EarmarkError(prefixed[1], prefixed[2]!);
      return new EarmarkError(triggerCodes[error.message] ?? 'conflict', capitalized(error.message));
    }
    case 'SQLITE_TOOBIG':
      return new EarmarkError('invalid_params', 'A value is too big to store.');
    default:
      return null;
  }
}

/**
 * The column a CHECK rule guards: the first name inside a function call (`length(trim(reason)) >= 3`
 * guards reason, also after `action <> 'reopened' OR`), else the first name that is not SQL.
 */
function guardedColumn(rule: string): string | undefined {
  const names = (text: string) =>
    [...text.replace(/'[^']*'/g, '').matchAll(/\b([A-Za-z_]\w*)\b(?!\s*\()/g)]
      .map((match) => match[1]!)
      .filter((word) => !SQL_WORDS.has(word.toLowerCase()));
  const inCall = /\w+\s*\(([^()]*(?:\([^()]*\))?[^()]*)\)/.exec(rule.replace(/'[^']*'/g, ''));
  return (inCall ? names(inCall[1]!)[0] : undefined) ?? names(rule)[0];
}

function capitalized(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');
}

/** What node-postgres's DatabaseError carries: the SQLSTATE and, for constraints, where it failed. */
interface PostgresFailure {
  code: string;
  message: string;
  table?: string;
  column?: string;
  constraint?: string;
  detail?: string;
  severity: string;
}

function isPostgresFailure(error: unknown): error is PostgresFailure {
  const failure = error as Partial<PostgresFailure> | null;
  return (
    error instanceof Error &&
    typeof failure?.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(failure.code) &&
    typeof failure.severity === 'string'
  );
}

/** The same refusals, in the same words, from PostgreSQL's SQLSTATEs (the schema is the same). */
function fromPostgresError(error: PostgresFailure): EarmarkError | null {
  const table = error.table ?? '';
  switch (error.code) {
    case '23505': {
      // "Key (name, team_id)=(…) already exists." or, for an index on lower(name), "Key (lower(name))=…".
      const key = /^Key \((.+?)\)=/.exec(error.detail ?? '')?.[1];
      const columns = key
        ?.split(',')
        .map((part) => part.trim().replace(/^\w+\((\w+)\)$/, '$1'))
        .filter((name) => /^\w+$/.test(name));
      if (!columns?.length || !table)
        return new EarmarkError(
          'conflict',
          `One like this exists already (${error.constraint ?? 'unique'}).`,
        );
      const fields = columns.map(fieldOf);
      return new EarmarkError(
        'conflict',
        `${fields.join(', ')}: ${withArticle(nounOf(table))} with this ${fields.join(' and ')} exists already.`,
      );
    }
    case '23502': {
      const field = fieldOf(error.column ?? 'value');
      return new EarmarkError('invalid_params', `${field}: ${withArticle(nounOf(table))} needs a ${field}.`);
    }
    case '23514': {
      // PostgreSQL names a column's CHECK <table>_<column>_check; a table-wide one <table>_check.
      const constraint = error.constraint ?? '';
      const column = constraint.startsWith(`${table}_`)
        ? constraint.slice(table.length + 1).replace(/_check\d*$/, '')
        : '';
      const field = column && column !== 'check' ? fieldOf(column) : 'a value';
      return new EarmarkError('invalid_params', `${field}: the value is not allowed (${constraint}).`);
    }
    case '23503':
      return new EarmarkError(
        'not_found',
        'The change refers to something that does not exist (any more), or removes something still in use.',
      );
    case '23001': {
      // The schema's triggers (earmark_refuse and friends), with SQLite's messages.
      const prefixed = /^([a-z_]+): (.+)$/s.exec(error.message);
      if (prefixed && isErrorCode(prefixed[1])) return new EarmarkError(prefixed[1], prefixed[2]!);
      return new EarmarkError(triggerCodes[error.message] ?? 'conflict', capitalized(error.message));
    }
    case '54000':
    case '22001':
      return new EarmarkError('invalid_params', 'A value is too big to store.');
    default:
      return null;
  }
}
