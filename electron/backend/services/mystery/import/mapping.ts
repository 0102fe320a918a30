export { MysteryMapping, plainTargets, type PlainTarget } from '../../../../../shared/rubric/mystery-mapping';
