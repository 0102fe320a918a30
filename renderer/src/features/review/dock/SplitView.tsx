import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { keysFromEvent } from '../../../../../shared/api/methods/review';
import { clampShare, shareAfterKey, shareAtPointer, shareBounds } from './split';
import classes from './SplitView.module.css';

/**
 * Two panes side by side with a separator between them that is dragged or moved with the arrow keys
 * (Shift for bigger steps, Home/End to the limits). `share` is the end pane's width in percent; the
 * separator's aria-valuenow is the start pane's, as for a WAI-ARIA window splitter. Without an end pane
 * the start pane is the page as it was; it stays the same element either way, so opening or closing
 * the end pane never remounts what plays in the start pane.
 */
export function SplitView({
  start,
  startRef,
  end,
  share,
  storedShare,
  onShare,
  onShareDone,
  label,
  valueText,
  endId,
}: {
  start: ReactNode;
  startRef?: RefObject<HTMLDivElement | null>;
  /** Null: no split, the start pane alone. */
  end: ReactNode | null;
  share: number;
  /** The share as remembered, shown as a state marker. */
  storedShare?: number | null;
  /** While dragging or with each key. */
  onShare: (share: number) => void;
  /** When a drag ends, or after a key: the moment to remember it. */
  onShareDone: (share: number) => void;
  label: string;
  valueText: (share: number) => string;
  endId: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container);
  const bounds = shareBounds(width);
  const shown = clampShare(share, bounds);
  const [dragging, setDragging] = useState(false);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    setDragging(true);
  };
  const pointerShare = (event: PointerEvent<HTMLDivElement>) => {
    const box = container.current!.getBoundingClientRect();
    return shareAtPointer(event.clientX, box.left, box.width, shareBounds(box.width));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging) onShare(pointerShare(event));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging) return;
    setDragging(false);
    onShareDone(pointerShare(event));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = keysFromEvent(event);
    const next = keys ? shareAfterKey(shown, keys, bounds) : null;
    if (next === null) return;
    // The arrows are the separator's here, not the player's.
    event.preventDefault();
    onShare(next);
    onShareDone(next);
  };

  return (
    <div
      ref={container}
      className={classes.split}
      data-open={end !== null}
      data-testid="dock-split"
      data-share={shown}
      data-stored-share={storedShare ?? ''}
    >
      {/* Focusable, so a click on the call or chat takes the keys there (and Escape from the form). */}
      <div ref={startRef} className={classes.pane} tabIndex={-1} data-testid="dock-workspace">
        {start}
      </div>
      {end !== null && (
        <>
          <div
            role="separator"
            aria-orientation="vertical"
            aria-label={label}
            aria-controls={endId}
            aria-valuenow={100 - shown}
            aria-valuemin={100 - bounds.max}
            aria-valuemax={100 - bounds.min}
            aria-valuetext={valueText(shown)}
            tabIndex={0}
            className={classes.separator}
            data-dragging={dragging}
            data-testid="dock-separator"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onKeyDown={onKeyDown}
          >
            <span className={classes.grip} />
          </div>
          <div id={endId} className={classes.pane} style={{ flex: `0 0 ${shown}%` }}>
            {end}
          </div>
        </>
      )}
    </div>
  );
}

/** The element's width, followed as the window or the navigation changes it. */
function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
