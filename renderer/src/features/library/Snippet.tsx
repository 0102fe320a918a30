import { Text } from '@mantine/core';
import { HIT_END, HIT_START } from '../../../../shared/api';

/** Search snippet with the matched words highlighted; the text is never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(HIT_START);
  return (
    <Text size="xs" c="dimmed" lineClamp={1} data-testid="search-snippet">
      {parts.map((part, index) => {
        if (index === 0) return part;
        const [hit = '', rest = ''] = part.split(HIT_END);
        return (
          <span key={index}>
            <mark>{hit}</mark>
            {rest}
          </span>
        );
      })}
    </Text>
  );
}
