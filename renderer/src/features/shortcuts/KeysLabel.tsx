import { Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { splitKeys } from '../../../../shared/api/methods/review';

/** "Shift+ArrowLeft" as keycaps, with names people read ("Shift" "←"), translated where words are needed. */
export function KeysLabel({ keys, size = 'xs' }: { keys: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { key, modifiers } = splitKeys(keys);
  const parts = [...modifiers, key];
  return (
    <Group gap={2} wrap="nowrap" component="span">
      {parts.map((part, index) => (
        <Kbd key={index} size={size}>
          {SYMBOLS[part] ?? (NAMED.has(part) ? t(`shortcuts.keys.${part}`) : part)}
        </Kbd>
      ))}
    </Group>
  );
}

/** Keys shown as the symbol printed on the keycap. */
const SYMBOLS: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
};
/** Keys whose name is a word, and so is translated ("Leertaste", "Välilyönti"). */
const NAMED = new Set([
  'Space',
  'Shift',
  'Ctrl',
  'Alt',
  'Meta',
  'Enter',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** Several alternative keys for one action, "Space or K". */
export function KeysList({
  keys,
  size,
  justify,
}: {
  keys: readonly string[];
  size?: 'xs' | 'sm';
  justify?: 'flex-end';
}) {
  const { t } = useTranslation();
  if (keys.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('shortcuts.unbound')}
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap" component="span" {...(justify ? { justify } : {})}>
      {keys.map((k, index) => (
        <Group key={k} gap={6} wrap="nowrap" component="span">
          {index > 0 && (
            <Text span size="xs" c="dimmed">
              {t('shortcuts.or')}
            </Text>
          )}
          <KeysLabel keys={k} {...(size ? { size } : {})} />
        </Group>
      ))}
    </Group>
  );
}
