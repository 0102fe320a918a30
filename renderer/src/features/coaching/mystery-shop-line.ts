import type { TFunction } from 'i18next';
import type { MysteryStatus } from '../../../../shared/api/methods/mystery';
import { formatDateTime } from '../../app/format';

/** The line under a shop's scenario wherever a session lists it: when, the agency's shop id, its status. */
export function mysteryShopLine(
  shop: { occurredAt: string; shopId: string; status: MysteryStatus },
  language: string,
  t: TFunction,
): string {
  return [formatDateTime(shop.occurredAt, language), shop.shopId, t(`mystery.status.${shop.status}`)].join(
    ' · ',
  );
}

/** The picked shops after ticking or unticking one, in the order they were picked. */
export function toggledShops(selected: readonly number[], id: number, on: boolean): number[] {
  if (on) return selected.includes(id) ? [...selected] : [...selected, id];
  return selected.filter((other) => other !== id);
}
