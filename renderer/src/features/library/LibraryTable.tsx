import { Badge, Box, Checkbox, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { LibraryItem, LibrarySort } from '../../../../shared/api';
import { formatDateTime, formatDuration } from '../../app/format';
import type { LibraryView } from './library-url';
import { ScoreCell } from './ScoreCell';
import { allState } from './selection';
import { Snippet } from './Snippet';
import type { LibrarySelection } from './useLibrarySelection';
import { usePagedLibrary } from './usePagedLibrary';
import classes from './LibraryTable.module.css';

const COLUMNS: { key: string; sort?: LibrarySort; align?: 'right' }[] = [
  { key: 'kind' },
  { key: 'title', sort: 'title' },
  { key: 'agent', sort: 'agent' },
  { key: 'team' },
  { key: 'started', sort: 'startedAt' },
  { key: 'duration', sort: 'duration', align: 'right' },
  { key: 'score', sort: 'score', align: 'right' },
];

/**
 * The library as a virtualized list: only the rows on screen exist in the DOM and only their pages
 * are fetched, so it stays smooth at 100,000 interactions.
 */
export function LibraryTable({
  view,
  onSort,
  selection,
}: {
  view: LibraryView;
  onSort: (sort: LibrarySort) => void;
  selection: LibrarySelection;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  // The interaction page gets the library view it came from, for its way back.
  const open = (id: number) => navigate(`/interaction/${id}`, { state: { librarySearch: search } });
  const scrollRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState({ start: 0, end: 50 });
  const searching = Boolean(view.filters.text);
  const rowHeight = searching ? 60 : 42;
  const library = usePagedLibrary(view, visible);

  // No React Compiler here, so the virtualizer's unmemoizable functions are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: library.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const start = items[0]?.index ?? 0;
      const end = items.at(-1)?.index ?? 0;
      setVisible((current) => (current.start === start && current.end === end ? current : { start, end }));
    },
  });
  const activeSort = view.sort ?? (searching ? 'relevance' : 'startedAt');
  const chosenOfShown = allState(selection.selection, library.loadedIds);
  const idAt = (index: number) => library.rowAt(index)?.id;

  return (
    <Box className={classes.table} data-testid="library-table" data-total={library.total}>
      <div className={classes.header} role="row">
        <div className={classes.check} role="columnheader">
          <Checkbox
            size="xs"
            checked={chosenOfShown === 'all'}
            indeterminate={chosenOfShown === 'some'}
            onChange={() => selection.toggleAll(library.loadedIds)}
            aria-label={t('details.bulk.selectAll')}
            title={t('details.bulk.selectAll')}
            data-testid="library-select-all"
          />
        </div>
        {COLUMNS.map((column) => (
          <div key={column.key} role="columnheader" style={{ textAlign: column.align }}>
            {column.sort ? (
              <UnstyledButton
                className={classes.sortButton}
                onClick={() => onSort(column.sort!)}
                data-testid={`sort-${column.sort}`}
              >
                {t(`library.columns.${column.key}`)}
                {activeSort === column.sort ? (view.order === 'asc' ? ' ▲' : ' ▼') : ''}
              </UnstyledButton>
            ) : (
              t(`library.columns.${column.key}`)
            )}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className={classes.scroller} data-testid="library-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = library.rowAt(virtual.index);
            const selected = item ? selection.selection.ids.has(item.id) : false;
            return (
              <div
                key={virtual.key}
                className={classes.row}
                style={{ height: virtual.size, transform: `translateY(${virtual.start}px)` }}
                data-testid={item ? 'library-row' : 'library-row-loading'}
                data-kind={item?.kind}
                data-selected={selected}
                onClick={() => item && open(item.id)}
              >
                {item ? (
                  <>
                    <div className={classes.check} onClick={(event) => event.stopPropagation()}>
                      <Checkbox
                        size="xs"
                        checked={selected}
                        // The click carries the shift key (a range); keyboard Space arrives as a click too.
                        onChange={() => {}}
                        onClick={(event) => selection.toggle(virtual.index, item.id, event.shiftKey, idAt)}
                        aria-label={t('details.bulk.selectRow', { title: item.title })}
                        data-testid="library-select"
                      />
                    </div>
                    <Row item={item} language={i18n.language} />
                  </>
                ) : (
                  <>
                    <div />
                    <Text c="dimmed">…</Text>
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}

function Row({ item, language }: { item: LibraryItem; language: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <Badge variant="light" color={item.kind === 'call' ? 'indigo' : 'teal'}>
          {t(`library.kind.${item.kind}`)}
        </Badge>
      </div>
      <div className={classes.titleCell}>
        <a
          href={`#/interaction/${item.id}`}
          className={classes.title}
          data-testid="library-open"
          onClick={(event) => event.preventDefault()} // the row's click opens it, with the way back
        >
          {item.title}
        </a>
        {item.hit && <Snippet text={item.hit.snippet} />}
      </div>
      <div className={classes.cell}>{item.agentName ?? '–'}</div>
      <div className={classes.cell}>{item.teamName ?? '–'}</div>
      <div className={classes.cell}>{formatDateTime(item.startedAt, language)}</div>
      <div className={classes.duration}>{formatDuration(item.durationMs)}</div>
      <div className={classes.score}>
        <ScoreCell score={item.score} />
      </div>
    </>
  );
}
