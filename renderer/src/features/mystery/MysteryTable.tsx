import { Box, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { MysteryShopSummary, MysterySort } from '../../../../shared/api/methods/mystery';
import { formatDateTime } from '../../app/format';
import { MysteryScore } from './MysteryScore';
import type { MysteryView } from './mystery-url';
import { StatusBadge } from './StatusBadge';
import classes from './MysteryTable.module.css';

const COLUMNS: { key: MysterySort; align?: 'right' }[] = [
  { key: 'shopId' },
  { key: 'occurredAt' },
  { key: 'team' },
  { key: 'agent' },
  { key: 'channel' },
  { key: 'scenario' },
  { key: 'score', align: 'right' },
  { key: 'status' },
];

const ROW_HEIGHT = 42;

/**
 * The shops as a virtualised list: a year holds thousands, and only the rows on screen exist in the
 * DOM. The whole filtered list comes in one answer (a few hundred bytes a shop), so sorting and the
 * count need no paging.
 */
export function MysteryTable({
  shops,
  view,
  onSort,
}: {
  shops: readonly MysteryShopSummary[];
  view: MysteryView;
  onSort: (sort: MysterySort) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  // The shop page gets the list view it came from, for its way back.
  const open = (id: number) => void navigate(`/mystery/${id}`, { state: { mysterySearch: search } });
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler here, so the virtualizer's unmemoizable functions are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shops.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <Box className={classes.table} data-testid="mystery-table" data-total={shops.length}>
      <div className={classes.header} role="row">
        {COLUMNS.map((column) => (
          <div
            key={column.key}
            role="columnheader"
            style={{ textAlign: column.align, minWidth: 0 }}
            aria-sort={
              view.sort === column.key ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined
            }
          >
            <UnstyledButton
              className={classes.sortButton}
              onClick={() => onSort(column.key)}
              title={t(`mysteryList.columns.${column.key}`)}
              data-testid={`mystery-sort-${column.key}`}
            >
              {t(`mysteryList.columns.${column.key}`)}
              {view.sort === column.key ? (view.order === 'asc' ? ' ▲' : ' ▼') : ''}
            </UnstyledButton>
          </div>
        ))}
      </div>
      <div
        ref={scrollRef}
        className={classes.scroller}
        // A floor of a few rows so the window can shrink without the list vanishing.
        style={{
          height: `max(min(${shops.length * ROW_HEIGHT}px, calc(100vh - 330px)), ${Math.min(shops.length, 6) * ROW_HEIGHT}px)`,
        }}
        data-testid="mystery-scroller"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const shop = shops[virtual.index]!;
            return (
              <div
                key={shop.id}
                className={classes.row}
                style={{ height: virtual.size, transform: `translateY(${virtual.start}px)` }}
                role="row"
                tabIndex={0}
                data-testid="mystery-row"
                data-shop-id={shop.shopId}
                onClick={() => open(shop.id)}
                onKeyDown={(event) => event.key === 'Enter' && open(shop.id)}
              >
                <div className={classes.shopId}>{shop.shopId}</div>
                <div className={classes.cell}>{formatDateTime(shop.occurredAt, i18n.language)}</div>
                <div className={classes.cell}>{shop.team || '–'}</div>
                {shop.agentName ? (
                  <div className={classes.cell}>{shop.agentName}</div>
                ) : (
                  <div className={classes.answered} title={t('mystery.field.answeredBy')}>
                    {shop.answeredBy ?? '–'}
                  </div>
                )}
                <div className={classes.cell}>{t(`mystery.channel.${shop.channel}`)}</div>
                <div className={classes.cell} title={shop.scenario}>
                  {shop.scenario}
                </div>
                <div className={classes.score}>
                  <MysteryScore percent={shop.percent} result={shop.result} />
                </div>
                <div>
                  <StatusBadge status={shop.status} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {shops.length === 0 && (
        <Text c="dimmed" p="md">
          {t('mysteryList.noMatches')}
        </Text>
      )}
    </Box>
  );
}
