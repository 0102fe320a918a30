import foundation from './001-foundation';
import importAndSearch from './002-import-and-search';
import review from './003-review';
import rubricsEvaluations from './004-rubrics-evaluations';
import coachingPrivacy from './005-coaching-privacy';
import libraryScoreSearch from './006-library-score-search';
import momentUndo from './007-moment-undo';
import peakUploads from './008-peak-uploads';
import mysteryShops from './009-mystery-shops';
import importUpdates from './010-import-updates';
import passMark from './011-pass-mark';
import damagedAudio from './012-damaged-audio';
import mysteryEvidenceFiles from './013-mystery-evidence-files';
import coachingMysteryShops from './014-coaching-mystery-shops';
import libraryOnPostgres from './015-library-on-postgres';
import teamAccounts from './016-team-accounts';
import importOwner from './017-import-owner';
import fasterSearchWords from './018-faster-search-words';
import editVersions from './019-edit-versions';
import evaluationResponses from './020-evaluation-responses';
import reviewQueue from './021-review-queue';
import calibration from './022-calibration';
import answersPerSubmission from './023-answers-per-submission';
import queueTopUps from './024-queue-top-ups';
import segmentChecksPerFile from './025-segment-checks-per-file';
import searchTable from './026-search-table';
import segmentsFewerIndexes from './027-segments-fewer-indexes';
import searchWordsInlined from './028-search-words-inlined';

/**
 * PostgreSQL's migrations: the same numbers and names as sqlite/index.ts, each leaving the same schema.
 * Hashed and never edited once published, as on SQLite.
 */
export const postgresMigrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '001-foundation', sql: foundation },
  { version: 2, name: '002-import-and-search', sql: importAndSearch },
  { version: 3, name: '003-review', sql: review },
  { version: 4, name: '004-rubrics-evaluations', sql: rubricsEvaluations },
  { version: 5, name: '005-coaching-privacy', sql: coachingPrivacy },
  { version: 6, name: '006-library-score-search', sql: libraryScoreSearch },
  { version: 7, name: '007-moment-undo', sql: momentUndo },
  { version: 8, name: '008-peak-uploads', sql: peakUploads },
  { version: 9, name: '009-mystery-shops', sql: mysteryShops },
  { version: 10, name: '010-import-updates', sql: importUpdates },
  { version: 11, name: '011-pass-mark', sql: passMark },
  { version: 12, name: '012-damaged-audio', sql: damagedAudio },
  { version: 13, name: '013-mystery-evidence-files', sql: mysteryEvidenceFiles },
  { version: 14, name: '014-coaching-mystery-shops', sql: coachingMysteryShops },
  { version: 15, name: '015-library-on-postgres', sql: libraryOnPostgres },
  { version: 16, name: '016-team-accounts', sql: teamAccounts },
  { version: 17, name: '017-import-owner', sql: importOwner },
  { version: 18, name: '018-faster-search-words', sql: fasterSearchWords },
  { version: 19, name: '019-edit-versions', sql: editVersions },
  { version: 20, name: '020-evaluation-responses', sql: evaluationResponses },
  { version: 21, name: '021-review-queue', sql: reviewQueue },
  { version: 22, name: '022-calibration', sql: calibration },
  { version: 23, name: '023-answers-per-submission', sql: answersPerSubmission },
  { version: 24, name: '024-queue-top-ups', sql: queueTopUps },
  { version: 25, name: '025-segment-checks-per-file', sql: segmentChecksPerFile },
  { version: 26, name: '026-search-table', sql: searchTable },
  { version: 27, name: '027-segments-fewer-indexes', sql: segmentsFewerIndexes },
  { version: 28, name: '028-search-words-inlined', sql: searchWordsInlined },
];
