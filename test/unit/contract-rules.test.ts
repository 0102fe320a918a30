import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDispatch, type Handlers } from '../../electron/backend/dispatch';
import type { Acting } from '../../electron/backend/context';
import { EarmarkError } from '../../shared/errors';
import { methodNames, methods } from '../../shared/api';
import { actorRules } from '../../shared/api/methods/define';

/**
 * Who acts and what counts as the person at work are declared per method in the contract, and the
 * dispatch and the idle lock read them there (no list of names elsewhere to forget a method in).
 */

/** Fields that would say who acts: the backend takes that from the request, never from a payload. */
const ACTOR_FIELDS = ['reviewerId', 'authorId', 'coachId', 'actorId', 'createdBy', 'updatedBy'];

/** The top-level object of a params schema, through defaults, optionals and pipes. */
function objectOf(schema: z.ZodType): z.ZodObject | null {
  const def = (schema as unknown as { def: Record<string, unknown> }).def;
  if (def.type === 'object') return schema as unknown as z.ZodObject;
  const inner = (def.innerType ?? def.in) as z.ZodType | undefined;
  return inner ? objectOf(inner) : null;
}

describe('every method in the contract', () => {
  it('declares who acts and whether a call is activity', () => {
    for (const name of methodNames) {
      const spec = methods[name] as { actor?: unknown; activity?: unknown };
      expect(actorRules, name).toContain(spec.actor);
      expect(typeof spec.activity, name).toBe('boolean');
    }
  });

  it('takes parameters as one strict object, so a field a stale client still sends is refused by name', () => {
    for (const name of methodNames) {
      const object = objectOf(methods[name].params);
      expect(object, name).not.toBeNull();
      const catchall = (object!.def as { catchall?: { def: { type: string } } }).catchall;
      expect(catchall?.def.type, `${name} is not .strict()`).toBe('never');
    }
  });

  it('never names who acts in a payload of a method that acts as someone', () => {
    for (const name of methodNames) {
      if (methods[name].actor === 'none') continue;
      const keys = Object.keys(objectOf(methods[name].params)!.shape);
      expect(
        keys.filter((key) => ACTOR_FIELDS.includes(key)),
        name,
      ).toEqual([]);
    }
  });

  it('counts as activity unless the renderer makes the call on its own, which never writes in anyone’s name', () => {
    const passive = methodNames.filter((name) => !methods[name].activity).sort();
    expect(passive).toEqual([
      'app.info',
      'demo.status',
      'import.serverFiles',
      'import.status',
      'playback.save',
      'profile.list',
      'recording.encodedAudio',
      'recording.savePeaks',
      'settings.get',
      'shortcuts.get',
    ]);
    for (const name of passive) expect(methods[name].actor, name).toBe('none');
  });
});

describe('the dispatch', () => {
  /** Handlers that only note that they were reached. */
  const reached: string[] = [];
  const handlers = Object.fromEntries(
    methodNames.map((name) => [name, () => void reached.push(name)]),
  ) as unknown as Handlers;

  it('refuses a method that needs someone acting before its handler runs', async () => {
    const locked: Acting = {
      actorId: null,
      lockedProfileId: 7,
      refusal: new EarmarkError('locked', 'Profile Anna is locked: enter its passphrase.'),
    };
    const dispatch = createDispatch(handlers, { actors: { acting: () => locked } });
    reached.length = 0;
    const reply = await dispatch('rubric.discardDraft', { id: 1 });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'locked', message: 'Profile Anna is locked: enter its passphrase.' },
    });
    expect(reached).toEqual([]);
    // Without anybody to ask, nobody acts.
    const anonymous = createDispatch(handlers);
    const none = await anonymous('evaluation.submit', { id: 1 });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(reached).toEqual([]);
  });
});
