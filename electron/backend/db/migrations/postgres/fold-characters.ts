/**
 * Letters earmark_fold() folds on a PostgreSQL server without the unaccent extension: what FTS5's
 * `remove_diacritics 2` folds for the languages Earmark is used in (German, Finnish, Swedish and their
 * neighbours), lower case (the text is lowered first). One letter in, one letter out: translate() pairs
 * them by position. This text is part of a migration's hash: never edit it, add a migration instead.
 */
const PAIRS: readonly [string, string][] = [
  ['áàâäãåāăą', 'a'],
  ['çćč', 'c'],
  ['ďđ', 'd'],
  ['éèêëēėęě', 'e'],
  ['íìîïīį', 'i'],
  ['łľĺ', 'l'],
  ['ńňñ', 'n'],
  ['óòôöõøōő', 'o'],
  ['ŕř', 'r'],
  ['śšş', 's'],
  ['ťţ', 't'],
  ['úùûüūůűų', 'u'],
  ['ýÿ', 'y'],
  ['źżž', 'z'],
];

export const FOLD_FROM = PAIRS.map(([from]) => from).join('');
export const FOLD_TO = PAIRS.map(([from, to]) => to.repeat([...from].length)).join('');
