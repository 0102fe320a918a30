import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { ReviewerProfile } from '../../shared/api/methods/profiles';
import type { RubricDetail } from '../../shared/api/methods/rubrics';
import type { ApiErrorBody } from '../../shared/errors';
import { call, testBackend } from '../support/backend';
import { resourcesDir, tempDir } from '../support/paths';
import { createProfile, publishSmallRubric, seedInteraction } from './evaluations/fixture';

/**
 * Mistakes in a request are the caller's, answered with a 4xx code naming the field; the database's own
 * refusals are typed too; what is left (a bug, a damaged database) is `internal`, and its reply carries
 * a reference to the log entry instead of the error's text.
 */

let backend: Backend;
let dataDir: string;
let cleanup: () => void;
let maria: ReviewerProfile;
let rubric: RubricDetail;
let interactionId: number;

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = tempDir());
  backend = await createBackend({ dataDir, resourcesDir, version: '0.0.0-test', log: () => {} });
  maria = await createProfile(backend, 'Maria Lind');
  rubric = await publishSmallRubric(backend, maria.id);
  interactionId = seedInteraction(backend.db, 'Double charge on invoice');
});
afterAll(async () => {
  await backend.close();
  cleanup();
});

async function refusal(method: string, params: unknown): Promise<ApiErrorBody> {
  const reply = await backend.dispatch(method, params);
  expect(reply.ok, `${method} accepted ${JSON.stringify(params)}`).toBe(false);
  return reply.ok ? { code: 'internal', message: '' } : reply.error;
}

describe('text a person could not have typed is refused, naming the field', () => {
  it('a tag name with NUL', async () => {
    const error = await refusal('tag.create', { name: '\u0000' });
    expect(error.code).toBe('invalid_params');
    expect(error.message).toMatch(/^Invalid parameters for tag\.create: name: .*control characters/);
  });

  it('names and titles with control characters, line breaks or a lone surrogate', async () => {
    for (const [method, params, field] of [
      ['profile.create', { name: 'Jussi\u0007', role: 'team_lead' }, 'name'],
      ['reel.create', { title: 'Best\nof March', momentIds: [] }, 'title'],
      ['rubric.create', { name: 'Billing \uD800', language: 'en' }, 'name'],
      ['agent.list', { search: 'Anna\u0000' }, 'search'],
      ['interaction.updateDetails', { id: interactionId, details: { agentName: 'Anna\tBerg' } }, 'agentName'],
      ['scenario.save', { title: 'Early\u0000cancellation' }, 'title'],
    ] as const) {
      const error = await refusal(method, params);
      expect(error.code).toBe('invalid_params');
      expect(error.message).toContain(`${field}: `);
    }
  });

  it('a comment keeps its lines and tabs but not NUL', async () => {
    const moment = { interactionId, startMs: 1000 };
    const kept = await call<{ comment: string }>(backend, 'moment.create', {
      ...moment,
      comment: 'First line\n\tindented\r\nlast',
    });
    expect(kept.comment).toBe('First line\n\tindented\r\nlast');
    const error = await refusal('moment.create', { ...moment, comment: 'cut\u0000off' });
    expect(error).toMatchObject({ code: 'invalid_params' });
    expect(error.message).toContain('comment: ');
  });
});

describe('a reopen reason counts characters as the database does', () => {
  it('"😀a" is two characters: refused by the contract, not by a CHECK deep down', async () => {
    const evaluation = await call<EvaluationDetail>(backend, 'evaluation.start', {
      interactionId: seedInteraction(backend.db, 'Router keeps dropping'),
      rubricId: rubric.id,
    });
    await call(backend, 'evaluation.saveDraft', {
      id: evaluation.id,
      answers: [
        { itemId: 'greeting', value: { kind: 'yes' } },
        { itemId: 'polite', value: { kind: 'yes' } },
        { itemId: 'knowledge', value: { kind: 'scale', value: 2 } },
      ],
    });
    await call(backend, 'evaluation.submit', { id: evaluation.id });
    const error = await refusal('evaluation.reopen', {
      id: evaluation.id,
      reason: '😀a',
    });
    expect(error.code).toBe('invalid_params');
    expect(error.message).toContain('reason: say why the evaluation is reopened (at least 3 characters)');
    await call(backend, 'evaluation.reopen', { id: evaluation.id, reason: '😀ok' });
  });
});

describe('calendar dates are checked by one schema everywhere', () => {
  it('library.list refuses month 13 and 30 February, naming filters.to', async () => {
    for (const to of ['2026-13-01', '2026-02-30', '2026-04-31', '2026-00-10']) {
      const error = await refusal('library.list', { filters: { to } });
      expect(error.code).toBe('invalid_params');
      expect(error.message).toContain(`filters.to: "${to}" is not a day in the calendar`);
    }
    expect(
      await call(backend, 'library.list', { filters: { from: '2024-02-29', to: '2026-12-31' } }),
    ).toBeTruthy();
  });

  it('a date and time: 30 February and 25 o’clock refused, naming details.startedAt', async () => {
    for (const startedAt of ['2026-02-30T10:00:00Z', '2026-02-28T25:00:00+02:00']) {
      const error = await refusal('interaction.updateDetails', { id: interactionId, details: { startedAt } });
      expect(error.code).toBe('invalid_params');
      expect(error.message).toContain('details.startedAt: must be a date and time');
    }
  });

  it('every method that takes a day refuses 30 February at the contract', async () => {
    const day = '2026-02-30';
    for (const [method, params, field] of [
      ['library.neighbours', { id: interactionId, filters: { from: day } }, 'filters.from'],
      ['reel.candidates', { to: day }, 'to'],
      ['coaching.create', { agentId: 1, heldOn: day }, 'heldOn'],
      ['coaching.update', { id: 1, version: 1, followUpOn: day }, 'followUpOn'],
      ['coaching.actionAdd', { sessionId: 1, text: 'Call back', owner: 'agent', dueOn: day }, 'dueOn'],
      ['coaching.actionUpdate', { id: 1, dueOn: day }, 'dueOn'],
    ] as const) {
      const error = await refusal(method, params);
      expect(error.code).toBe('invalid_params');
      expect(error.message).toBe(
        `Invalid parameters for ${method}: ${field}: "${day}" is not a day in the calendar`,
      );
    }
  });
});

describe('a manifest that is missing or a folder', () => {
  let folder: string;
  beforeAll(() => {
    folder = join(dataDir, 'to-import');
    mkdirSync(join(folder, 'manifests'), { recursive: true });
    writeFileSync(join(folder, 'call.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Hello\n');
  });

  for (const method of ['import.preview', 'import.start']) {
    it(`${method} refuses it before any work starts, naming manifest.path`, async () => {
      const batches = () => backend.db.prepare('SELECT count(*) FROM import_batches').pluck().get();
      const before = batches();
      const missing = await refusal(method, {
        paths: [folder],
        manifest: { path: join(folder, 'missing.csv') },
      });
      expect(missing.code).toBe('invalid_params');
      expect(missing.message).toBe(`manifest.path: ${join(folder, 'missing.csv')} does not exist.`);
      const isFolder = await refusal(method, {
        paths: [folder],
        manifest: { path: join(folder, 'manifests') },
      });
      expect(isFolder.code).toBe('invalid_params');
      expect(isFolder.message).toMatch(/^manifest\.path: .* is a folder/);
      expect(batches()).toBe(before);
    });
  }

  it('a batch that fails says why, also once it is over', async () => {
    const missing = join(folder, 'gone');
    const { batchId } = await call<{ batchId: number }>(backend, 'import.start', { paths: [missing] });
    await backend.imports.wait(batchId);
    const status = await call<{ state: string; message: string | null }>(backend, 'import.status', {
      batchId,
    });
    expect(status.state).toBe('failed');
    expect(status.message).toContain(missing);
  });
});

describe("the database's own refusals get the code they mean", () => {
  // Services check their rules before writing, so these are reached the way a concurrent writer or a
  // stricter schema would reach them: the test makes the database stricter than the service.
  // Each test takes its stricter rule away again, whether it passes or not, so none sees another's.
  it('a unique column taken: conflict, naming the field', async () => {
    backend.db.exec('CREATE UNIQUE INDEX test_reel_titles ON reels (title)');
    try {
      await call(backend, 'reel.create', { title: 'Best of March', momentIds: [] });
      expect(await refusal('reel.create', { title: 'Best of March', momentIds: [] })).toEqual({
        code: 'conflict',
        message: 'title: a reel with this title exists already.',
      });
    } finally {
      backend.db.exec('DROP INDEX test_reel_titles');
    }
  });

  it('a CHECK rule broken: invalid_params, naming the field', async () => {
    backend.db.exec('ALTER TABLE reels ADD COLUMN test_short TEXT CHECK (length(title) <= 20)');
    try {
      expect(await refusal('reel.create', { title: 'A title of more than twenty', momentIds: [] })).toEqual({
        code: 'invalid_params',
        message: 'title: the value is not allowed (length(title) <= 20).',
      });
    } finally {
      backend.db.exec('ALTER TABLE reels DROP COLUMN test_short');
    }
  });

  it('a value missing: invalid_params, naming the field', async () => {
    backend.db.exec(
      'CREATE TEMP TRIGGER test_forget AFTER INSERT ON main.tags BEGIN UPDATE tags SET name = NULL WHERE id = new.id; END',
    );
    try {
      expect(await refusal('tag.create', { name: 'Upsell' })).toEqual({
        code: 'invalid_params',
        message: 'name: a tag needs a name.',
      });
    } finally {
      backend.db.exec('DROP TRIGGER temp.test_forget');
    }
  });

  it('a reference to nothing: not_found', async () => {
    backend.db.exec(
      'CREATE TEMP TRIGGER test_dangle AFTER INSERT ON main.tags BEGIN UPDATE tags SET name = name WHERE id = new.id; INSERT INTO moment_tags (moment_id, tag_id) VALUES (999999, new.id); END',
    );
    try {
      const error = await refusal('tag.create', { name: 'Cross-sell' });
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(/does not exist/);
    } finally {
      backend.db.exec('DROP TRIGGER temp.test_dangle');
    }
  });

  it('a locked evaluation (submitted while a save was on its way): conflict, with the trigger’s words', async () => {
    const evaluation = await call<EvaluationDetail>(backend, 'evaluation.start', {
      interactionId,
      rubricId: rubric.id,
    });
    // Another writer submits between the service's check and its write; the trigger still refuses.
    backend.db.exec(
      "CREATE TEMP TRIGGER test_submit_first BEFORE INSERT ON main.evaluation_answers BEGIN UPDATE evaluations SET state = 'submitted' WHERE id = new.evaluation_id; END",
    );
    const error = await refusal('evaluation.saveDraft', {
      id: evaluation.id,
      answers: [{ itemId: 'greeting', value: { kind: 'yes' } }],
    });
    backend.db.exec('DROP TRIGGER temp.test_submit_first');
    expect(error).toEqual({
      code: 'conflict',
      message: 'A submitted evaluation is locked; reopen it first.',
    });
    // The save was refused whole: the evaluation is still the draft it was.
    expect(await call<EvaluationDetail>(backend, 'evaluation.get', { id: evaluation.id })).toMatchObject({
      state: 'draft',
      revision: 0,
      answers: [],
    });
  });
});

describe('internal errors', () => {
  it('reply with a reference, and the log has it with the method and the stack', async () => {
    // A damaged database (its own, so no other test meets it): what failed is no business of the
    // window, but must be findable in the log.
    const lines: string[] = [];
    const damaged = await testBackend({ log: (line) => lines.push(line) });
    try {
      damaged.backend.db.exec('DROP TABLE reel_moments');
      const reply = await damaged.backend.dispatch('reel.list', {});
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(reply.error.code).toBe('internal');
      expect(reply.error.message).toMatch(
        /^Earmark could not complete reel\.list \(reference [A-Z2-9]{6}\)\.$/,
      );
      expect(reply.error.message).not.toContain('reel_moments');
      const reference = /reference ([A-Z2-9]{6})/.exec(reply.error.message)![1]!;
      const entry = lines.find((line) => line.includes(reference));
      expect(entry).toBeDefined();
      expect(entry).toContain('reel.list');
      expect(entry).toContain('no such table: reel_moments');
      expect(entry).toMatch(/\n\s+at /);
    } finally {
      damaged.cleanup();
    }
  });
});
