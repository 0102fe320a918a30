import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Tag } from '../../../../../shared/api/methods/review';
import { api } from '../../../api/client';

const TAGS_KEY = ['tags'] as const;
const NO_TAGS: Tag[] = [];

/** All tags (built-in first), by id, and a way to make a new one from a name. */
export function useTags() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: TAGS_KEY, queryFn: () => api.tag.list({}), staleTime: 60_000 });
  const tags = query.data ?? NO_TAGS;
  const byId = useMemo(() => new Map(tags.map((tag) => [tag.id, tag])), [tags]);
  const create = async (name: string): Promise<Tag> => {
    const tag = await api.tag.create({ name });
    queryClient.setQueryData<Tag[]>(TAGS_KEY, (list = []) =>
      list.some((known) => known.id === tag.id) ? list : [...list, tag],
    );
    return tag;
  };
  return { tags, byId, create };
}
