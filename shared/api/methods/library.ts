import { z } from 'zod';
import { Facets, Id, InteractionDetail, LibraryFilters, LibraryItem, LibrarySort, Peaks } from '../schemas';
import { method } from './define';

export const libraryMethods = {
  'library.list': method(
    z
      .object({
        filters: LibraryFilters.default({}),
        /** Defaults to relevance when searching text, otherwise newest first. */
        sort: LibrarySort.optional(),
        order: z.enum(['asc', 'desc']).default('desc'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
    z.object({ total: z.number().int().nonnegative(), items: z.array(LibraryItem) }),
    { actor: 'none', activity: true },
  ),

  'library.facets': method(z.object({}).strict(), Facets, { actor: 'none', activity: true }),

  'interaction.get': method(z.object({ id: Id }).strict(), InteractionDetail, {
    actor: 'none',
    activity: true,
  }),

  'recording.peaks': method(
    z
      .object({
        recordingId: Id,
        /** Roughly how many peaks the caller wants across the whole recording; the nearest stored resolution is returned. */
        targetPeaks: z.number().int().min(100).max(1_000_000).default(4000),
      })
      .strict(),
    Peaks,
    { actor: 'none', activity: true },
  ),
} as const;
