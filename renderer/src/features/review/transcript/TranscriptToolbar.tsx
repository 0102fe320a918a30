import { ActionIcon, Group, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChevronDownIcon, ChevronUpIcon } from '../icons';

/** Search within this transcript (with next/previous match) and whether the list follows playback. */
export function TranscriptToolbar({
  query,
  onQuery,
  matchCount,
  currentMatch,
  onStep,
  follow,
  onFollow,
  inputRef,
}: {
  query: string;
  onQuery: (query: string) => void;
  matchCount: number;
  currentMatch: number;
  onStep: (direction: 1 | -1) => void;
  follow: boolean;
  /** Null where nothing plays (a transcript without its recording): there is nothing to follow. */
  onFollow: ((follow: boolean) => void) | null;
  inputRef: React.Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Group gap={4} wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
        <TextInput
          ref={inputRef}
          size="xs"
          style={{ flex: 1, maxWidth: 280 }}
          placeholder={t('review.transcript.search')}
          aria-label={t('review.transcript.search')}
          value={query}
          onChange={(event) => onQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onStep(event.shiftKey ? -1 : 1);
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
          data-testid="transcript-search"
        />
        {query.trim() !== '' && (
          <Text size="xs" c={matchCount === 0 ? 'red' : 'dimmed'} w={70} data-testid="transcript-match-count">
            {matchCount === 0
              ? t('review.transcript.noMatches')
              : t('review.transcript.matchOf', { current: currentMatch + 1, total: matchCount })}
          </Text>
        )}
        <ActionIcon
          size="sm"
          variant="subtle"
          onClick={() => onStep(-1)}
          disabled={matchCount === 0}
          aria-label={t('review.transcript.previousMatch')}
        >
          <ChevronUpIcon size={16} />
        </ActionIcon>
        <ActionIcon
          size="sm"
          variant="subtle"
          onClick={() => onStep(1)}
          disabled={matchCount === 0}
          aria-label={t('review.transcript.nextMatch')}
          data-testid="transcript-next-match"
        >
          <ChevronDownIcon size={16} />
        </ActionIcon>
      </Group>
      {onFollow && (
        <Switch
          size="xs"
          label={t('review.transcript.follow')}
          checked={follow}
          onChange={(event) => onFollow(event.currentTarget.checked)}
          data-testid="transcript-follow"
        />
      )}
    </Group>
  );
}
