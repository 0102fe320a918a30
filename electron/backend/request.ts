import type { ActorRule } from '../../shared/api/methods/define';
import { EarmarkError } from '../../shared/errors';
import type {
  Acting,
  ActingRequest,
  ActorSource,
  MaybeActingRequest,
  NoActorRequest,
  Viewer,
} from './context';

/** The refusal of a write while no profile is chosen. */
export const noProfileChosen = () =>
  new EarmarkError('not_allowed', 'Choose or create your reviewer profile first.');

const NOBODY: Acting = { actorId: null, lockedProfileId: null, refusal: noProfileChosen() };

/**
 * The request a handler gets: who acts, found once per call and never taken from the payload, and on a
 * team server who is looking (`viewer`, found with who acts). A `required` method is refused here,
 * before its handler runs, when nobody acts.
 */
export async function requestFor(
  rule: ActorRule,
  actors: ActorSource | undefined,
  viewer?: Viewer,
): Promise<ActingRequest | MaybeActingRequest | NoActorRequest> {
  const seen = viewer ? { viewer } : {};
  if (rule === 'none') return seen;
  const acting = (await actors?.acting()) ?? NOBODY;
  if (rule === 'required') {
    if (acting.actorId === null) throw acting.refusal;
    return { actorId: acting.actorId, ...seen, ...keysOf(acting) };
  }
  if (acting.actorId !== null) return { ...actingAs(acting.actorId), ...seen, ...keysOf(acting) };
  return {
    actorId: null,
    lockedProfileId: acting.lockedProfileId,
    actorOrThrow: () => {
      throw acting.refusal;
    },
  };
}

/** A team login's note key travels with its request (never in a field the workstation would see). */
const keysOf = (acting: Acting) => ('keys' in acting && acting.keys ? { keys: acting.keys } : {});

/**
 * Who a write that anybody may make is recorded as: the acting profile, or null while no profile is
 * chosen (a person may work before making one). While the chosen profile is locked nothing is written
 * (`locked`): it would be recorded as nobody, and so be anybody's.
 */
export function actorUnlessLocked(request: MaybeActingRequest): number | null {
  if (request.actorId === null && request.lockedProfileId !== null) request.actorOrThrow();
  return request.actorId;
}

/** The request of someone known to act: a write that reads back what it wrote, as its author. */
export function actingAs(actorId: number): MaybeActingRequest {
  return { actorId, lockedProfileId: null, actorOrThrow: () => actorId };
}
