import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RubricDetail } from '../../../shared/api/methods/rubrics';
import { defaultRubric } from '../../../shared/rubric/defaults';
import { serializeRubric } from '../../../shared/rubric/json';
import type { Backend } from '../../../electron/backend/backend';
import { callAs } from '../../support/backend';
import { describeEachEngine, engineBackend } from '../../support/engines';
import { createProfile, refusedAs } from '../evaluations/fixture';

let backend: Backend;
let cleanup: () => Promise<void>;
let mariaId: number;
beforeAll(async () => {
  ({ backend, cleanup } = await engineBackend());
  // Rubrics are imported as Maria.
  mariaId = (await createProfile(backend, 'Maria Lind')).id;
});
afterAll(() => cleanup());

// The tests break rubric files on purpose, so the JSON is handled untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A valid rubric file with one thing changed by `edit`. */
function file(edit: (rubric: Json) => void = () => {}): string {
  const rubric = JSON.parse(serializeRubric(defaultRubric('en'))) as Json;
  rubric.id = 'team-north';
  rubric.name = 'Team North';
  edit(rubric);
  return JSON.stringify(rubric);
}

const importError = async (json: string) => {
  const error = await refusedAs(backend, mariaId, 'rubric.import', { json });
  expect(error.code).toBe('invalid_params');
  return error.message;
};

describeEachEngine('importing a rubric file', () => {
  it('refuses text that is not JSON, saying where', async () => {
    expect(await importError('{"id": "x", ')).toMatch(/^Rubric JSON is not valid JSON: .*JSON/);
  });

  it('refuses a bad structure, naming the place', async () => {
    expect(await importError(file((r) => delete r.sections))).toBe(
      'Rubric is not valid: sections is missing',
    );
    expect(await importError(file((r) => (r.sections = [])))).toMatch(/a rubric needs at least one section/);
    expect(await importError('[1, 2]')).toMatch(/^Rubric is not valid: expected an object \(got a list\)/);
    expect(await importError(file((r) => (r.sections[1].items = 'many')))).toMatch(
      /sections\[1\]\.items: expected a list \(got 'many'\)/,
    );
    expect(await importError(file((r) => (r.colour = 'blue')))).toMatch(/unknown field 'colour'/);
  });

  it('refuses unknown item types', async () => {
    const message = await importError(file((r) => (r.sections[0].items[2].type = 'stars')));
    expect(message).toContain(
      "sections[0].items[2].type: unknown item type 'stars' (expected yesNo, scale or choice)",
    );
  });

  it('refuses negative weights', async () => {
    expect(await importError(file((r) => (r.sections[1].items[3].weight = -2)))).toContain(
      'sections[1].items[3].weight must not be negative (got -2)',
    );
    expect(await importError(file((r) => (r.sections[0].weight = -0.5)))).toContain(
      'sections[0].weight must not be negative (got -0.5)',
    );
  });

  it('refuses duplicate ids, naming both places', async () => {
    const message = await importError(file((r) => (r.sections[1].items[0].id = 'greeting')));
    expect(message).toContain("id 'greeting' is used twice: sections[0].items[0] and sections[1].items[0]");
    const options = await importError(
      file((r) => (r.sections[1].items[1].options[1].id = r.sections[1].items[1].options[0].id)),
    );
    expect(options).toContain("option id 'correct' is used twice");
  });

  it('imports a valid file as version 1 of a new rubric, and refuses its id a second time', async () => {
    const rubric = await callAs<RubricDetail>(backend, mariaId, 'rubric.import', { json: file() });
    expect(rubric).toMatchObject({
      key: 'team-north',
      name: 'Team North',
      builtin: null,
      latestVersion: { version: 1, publishedBy: { name: 'Maria Lind' } },
    });
    expect(rubric.latest!.sections.flatMap((s) => s.items)).toHaveLength(16);
    const again = await refusedAs(backend, mariaId, 'rubric.import', { json: file() });
    expect(again).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/'team-north' is here already/),
    });
  });

  it('refuses an oversized file before reading it', async () => {
    const error = await refusedAs(backend, mariaId, 'rubric.import', {
      json: ' '.repeat(2_000_001),
    });
    expect(error).toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/at most 2000000 characters/),
    });
  });
});
