import {
  ActionIcon,
  Box,
  Checkbox,
  Collapse,
  Group,
  Menu,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { itemTypes, type DraftItem, type DraftProblem } from '../../../../shared/api/methods/rubric-draft';
import { changeItemType } from './draft-edits';
import { ItemTypeFields } from './ItemTypeFields';
import { messageAtPlace } from './problems';

export const ITEM_DRAG_TYPE = 'application/x-earmark-rubric-item';

export interface ItemEditorProps {
  item: DraftItem;
  number: number;
  problems: readonly DraftProblem[];
  onChange: (changes: Partial<DraftItem>) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
  canRemove: boolean;
  /** Drop of another item on this one: before it or after it. */
  onDropItem: (itemId: string, after: boolean) => void;
}

/**
 * One item of the rubric. Alt+↑/↓ anywhere in it moves it (across sections at the edges); the handle
 * drags it. Fields are keyed by `data-focus-key` so focus comes back to the same field after a move.
 */
export function ItemEditor({
  item,
  number,
  problems,
  onChange,
  onRemove,
  onMove,
  canRemove,
  onDropItem,
}: ItemEditorProps) {
  const { t } = useTranslation();
  // Folded by default: a built-in rubric's guidance would otherwise make the editor pages long.
  const [details, setDetails] = useState(false);
  const [dropSide, setDropSide] = useState<'before' | 'after' | null>(null);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    event.stopPropagation();
    onMove(event.key === 'ArrowUp' ? -1 : 1);
  };
  const sideOf = (event: DragEvent) => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2 ? 'after' : 'before';
  };
  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(ITEM_DRAG_TYPE)) return;
    event.preventDefault();
    setDropSide(sideOf(event));
  };
  const onDrop = (event: DragEvent) => {
    const dragged = event.dataTransfer.getData(ITEM_DRAG_TYPE);
    setDropSide(null);
    if (!dragged || dragged === item.id) return;
    event.preventDefault();
    event.stopPropagation();
    onDropItem(dragged, sideOf(event) === 'after');
  };

  return (
    <Paper
      withBorder
      p="sm"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onDragOver={onDragOver}
      onDragLeave={() => setDropSide(null)}
      onDrop={onDrop}
      data-testid="item-editor"
      data-item-id={item.id}
      data-focus-key="card"
      data-invalid={problems.length > 0 || undefined}
      style={{
        borderColor: problems.length > 0 ? 'var(--mantine-color-red-5)' : undefined,
        boxShadow:
          dropSide === 'before'
            ? 'inset 0 3px 0 var(--mantine-color-indigo-5)'
            : dropSide === 'after'
              ? 'inset 0 -3px 0 var(--mantine-color-indigo-5)'
              : undefined,
      }}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <UnstyledButton
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(ITEM_DRAG_TYPE, item.id);
              event.dataTransfer.effectAllowed = 'move';
              const card = event.currentTarget.closest('[data-testid="item-editor"]');
              if (card) event.dataTransfer.setDragImage(card, 16, 16);
            }}
            aria-label={t('rubrics.item.moveHandle', { number })}
            title={t('rubrics.item.moveHandle', { number })}
            data-focus-key="handle"
            data-testid="item-handle"
            style={{
              cursor: 'grab',
              padding: '6px 4px',
              lineHeight: 1,
              color: 'var(--mantine-color-gray-6)',
            }}
          >
            ⠿
          </UnstyledButton>
          <Text size="sm" c="dimmed" pt={6} w={24} ta="right">
            {number}.
          </Text>
          <TextInput
            style={{ flex: 1 }}
            value={item.title}
            placeholder={t('rubrics.item.titlePlaceholder')}
            aria-label={t('rubrics.item.title')}
            onChange={(event) => onChange({ title: event.currentTarget.value })}
            data-focus-key="title"
            data-testid="item-title"
          />
          <Select
            w={150}
            data={itemTypes.map((type) => ({ value: type, label: t(`rubrics.types.${type}`) }))}
            value={item.type}
            allowDeselect={false}
            aria-label={t('rubrics.item.type')}
            onChange={(value) => value && onChange(changeItemType(item, value as DraftItem['type']))}
            data-focus-key="type"
            data-testid="item-type"
          />
          <NumberInput
            w={96}
            min={0}
            max={100}
            step={0.5}
            decimalScale={2}
            value={item.weight}
            aria-label={t('rubrics.item.weight')}
            leftSection={<Text size="xs">×</Text>}
            onChange={(value) => onChange({ weight: typeof value === 'number' ? value : Number(value) || 0 })}
            data-focus-key="weight"
            data-testid="item-weight"
          />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={4}
                aria-label={t('rubrics.item.more')}
                data-testid="item-menu"
              >
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onMove(-1)}>{t('rubrics.item.moveUp')}</Menu.Item>
              <Menu.Item onClick={() => onMove(1)}>{t('rubrics.item.moveDown')}</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" disabled={!canRemove} onClick={onRemove} data-testid="item-remove">
                {t('rubrics.item.remove')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Group gap="lg" pl={62}>
          <Checkbox
            label={t('rubrics.item.naAllowed')}
            checked={item.naAllowed}
            onChange={(event) => onChange({ naAllowed: event.currentTarget.checked })}
            data-testid="item-na"
          />
          <Checkbox
            label={t('rubrics.item.critical')}
            color="red"
            checked={item.critical}
            onChange={(event) => onChange({ critical: event.currentTarget.checked })}
            data-testid="item-critical"
          />
          <Checkbox
            label={t('rubrics.item.commentRequired')}
            checked={item.commentRequiredOnFail}
            onChange={(event) => onChange({ commentRequiredOnFail: event.currentTarget.checked })}
            data-testid="item-comment-required"
          />
          <UnstyledButton
            onClick={() => setDetails((open) => !open)}
            aria-expanded={details}
            data-testid="item-details-toggle"
          >
            <Text size="sm" c="indigo">
              {details ? t('rubrics.item.hideGuidance') : t('rubrics.item.showGuidance')}
            </Text>
          </UnstyledButton>
        </Group>
        {item.type !== 'yesNo' && (
          <Box pl={62}>
            <ItemTypeFields item={item} onChange={onChange} />
          </Box>
        )}
        <Collapse expanded={details}>
          <Stack gap="xs" pl={62}>
            <Textarea
              label={t('rubrics.item.guidance')}
              description={t('rubrics.item.guidanceHint')}
              autosize
              minRows={2}
              maxRows={8}
              value={item.guidance}
              onChange={(event) => onChange({ guidance: event.currentTarget.value })}
              data-focus-key="guidance"
              data-testid="item-guidance"
            />
            <Textarea
              label={t('rubrics.item.examples')}
              description={t('rubrics.item.examplesHint')}
              autosize
              minRows={1}
              maxRows={8}
              value={item.examples.join('\n')}
              onChange={(event) => onChange({ examples: event.currentTarget.value.split('\n').slice(0, 10) })}
              data-focus-key="examples"
              data-testid="item-examples"
            />
          </Stack>
        </Collapse>
        {problems.length > 0 && (
          <Stack gap={2} pl={62} data-testid="item-problems">
            {problems.map((problem, index) => (
              <Text key={index} size="xs" c="red">
                {messageAtPlace(problem)}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
