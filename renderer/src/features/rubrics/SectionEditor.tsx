import { ActionIcon, Button, Group, Menu, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { DragEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftItem, DraftProblem, DraftSection } from '../../../../shared/api/methods/rubric-draft';
import { ITEM_DRAG_TYPE, ItemEditor } from './ItemEditor';
import { messageAtPlace } from './problems';

export interface SectionEditorProps {
  section: DraftSection;
  number: number;
  problems: readonly DraftProblem[];
  itemProblems: (itemIndex: number) => readonly DraftProblem[];
  canRemove: boolean;
  onChange: (changes: Partial<DraftSection>) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
  onAddItem: () => void;
  onChangeItem: (itemIndex: number, changes: Partial<DraftItem>) => void;
  onRemoveItem: (itemIndex: number) => void;
  onMoveItem: (itemIndex: number, delta: -1 | 1) => void;
  /** An item dropped at `itemIndex` of this section (the end when it equals the item count). */
  onDropItem: (itemId: string, itemIndex: number) => void;
}

/** A section: its title and weight, then its items. Alt+↑/↓ in the section's header moves the section. */
export function SectionEditor(props: SectionEditorProps) {
  const { section, number, problems } = props;
  const { t } = useTranslation();
  const onHeaderKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    props.onMove(event.key === 'ArrowUp' ? -1 : 1);
  };
  // Dropping on the section's own space (below its items) puts the item at its end.
  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer.types.includes(ITEM_DRAG_TYPE)) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    const dragged = event.dataTransfer.getData(ITEM_DRAG_TYPE);
    if (!dragged) return;
    event.preventDefault();
    props.onDropItem(dragged, section.items.length);
  };

  return (
    <Paper
      withBorder
      p="md"
      bg="gray.0"
      data-testid="section-editor"
      data-section-id={section.id}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" onKeyDown={onHeaderKeyDown} data-section-header>
          <Text fw={700} c="dimmed" w={28}>
            {number}
          </Text>
          <TextInput
            style={{ flex: 1 }}
            size="md"
            fw={600}
            value={section.title}
            placeholder={t('rubrics.section.titlePlaceholder')}
            aria-label={t('rubrics.section.title')}
            onChange={(event) => props.onChange({ title: event.currentTarget.value })}
            data-focus-key="section-title"
            data-testid="section-title"
          />
          <NumberInput
            w={130}
            min={0}
            max={100}
            step={0.5}
            decimalScale={2}
            value={section.weight}
            aria-label={t('rubrics.section.weight')}
            leftSection={<Text size="xs">×</Text>}
            rightSection={
              <Text size="xs" c="dimmed" pr={4}>
                {t('rubrics.section.weightShort')}
              </Text>
            }
            rightSectionWidth={52}
            onChange={(value) =>
              props.onChange({ weight: typeof value === 'number' ? value : Number(value) || 0 })
            }
            data-testid="section-weight"
          />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('rubrics.section.more')}
                data-testid="section-menu"
              >
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => props.onMove(-1)}>{t('rubrics.section.moveUp')}</Menu.Item>
              <Menu.Item onClick={() => props.onMove(1)}>{t('rubrics.section.moveDown')}</Menu.Item>
              <Menu.Divider />
              <Menu.Item
                color="red"
                disabled={!props.canRemove}
                onClick={props.onRemove}
                data-testid="section-remove"
              >
                {t('rubrics.section.remove')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        {problems.map((problem, index) => (
          <Text key={index} size="xs" c="red" pl={36}>
            {messageAtPlace(problem)}
          </Text>
        ))}
        {section.items.map((item, index) => (
          <ItemEditor
            key={item.id}
            item={item}
            number={index + 1}
            problems={props.itemProblems(index)}
            canRemove={section.items.length > 1}
            onChange={(changes) => props.onChangeItem(index, changes)}
            onRemove={() => props.onRemoveItem(index)}
            onMove={(delta) => props.onMoveItem(index, delta)}
            onDropItem={(itemId, after) => props.onDropItem(itemId, after ? index + 1 : index)}
          />
        ))}
        <Group pl={36}>
          <Button size="xs" variant="light" onClick={props.onAddItem} data-testid="add-item">
            {t('rubrics.section.addItem')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
