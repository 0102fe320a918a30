import { Button, Group, Notification, Portal, Stack, Text } from '@mantine/core';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { KeysLabel } from '../../features/shortcuts/KeysLabel';
import { ownsKeys } from '../../features/shortcuts/typing-target';

export interface ToastInput {
  message: string;
  /** The way back ("Undo"): the toast closes once it has worked, and says why when it has not. */
  undo?: () => Promise<unknown>;
  testId?: string;
}

interface Toast extends ToastInput {
  id: number;
  state: 'shown' | 'undoing' | 'failed';
  error?: string;
}

/** Long enough to notice and reach for Undo; paused while the pointer or focus is on the toast. */
export const TOAST_MS = 10_000;
const MAX_TOASTS = 3;

const ToastContext = createContext<(toast: ToastInput) => void>(() => {
  throw new Error('useToast needs a ToastProvider above it');
});

/** Shows a short message at the bottom of the window, with an Undo where the step can be taken back. */
export const useToast = () => useContext(ToastContext);

/**
 * Holds the toasts above the router, so a toast outlives the page it came from (delete a moment, move
 * on to the next call, still undo it). Ctrl+Z (⌘Z) undoes the newest one unless the focus is in a
 * text box, whose own undo it then is.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const close = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const show = useCallback((input: ToastInput) => {
    const toast: Toast = { ...input, id: nextId.current++, state: 'shown' };
    setToasts((all) => [...all, toast].slice(-MAX_TOASTS));
  }, []);

  const undo = useCallback(
    async (toast: Toast) => {
      if (!toast.undo || toast.state === 'undoing') return;
      const update = (change: Partial<Toast>) =>
        setToasts((all) => all.map((t) => (t.id === toast.id ? { ...t, ...change } : t)));
      update({ state: 'undoing' });
      try {
        await toast.undo();
        close(toast.id);
      } catch (error) {
        update({ state: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    },
    [close],
  );

  const newestUndoable = toasts.findLast((toast) => toast.undo && toast.state === 'shown');
  useEffect(() => {
    if (!newestUndoable) return;
    const onKey = (event: KeyboardEvent) => {
      const keys = event.key.toLowerCase() === 'z' && !event.shiftKey && !event.altKey;
      if (!keys || !(event.ctrlKey || event.metaKey) || ownsKeys(event.target, 'Ctrl+Z')) return;
      event.preventDefault();
      void undo(newestUndoable);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newestUndoable, undo]);

  return (
    <ToastContext.Provider value={show}>
      {children}
      <Portal>
        <Stack
          gap="xs"
          style={{ position: 'fixed', bottom: 16, left: '50%', transform: 'translateX(-50%)', zIndex: 400 }}
          miw={360}
          maw="min(600px, calc(100vw - 32px))"
        >
          {toasts.map((toast) => (
            <ToastView
              key={toast.id}
              toast={toast}
              onUndo={() => void undo(toast)}
              onClose={() => close(toast.id)}
            />
          ))}
        </Stack>
      </Portal>
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onUndo, onClose }: { toast: Toast; onUndo: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const paused = useRef({ hover: false, focus: false });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = toast.state !== 'shown';
  const restart = useMemo(
    () => () => {
      clearTimeout(timer.current);
      if (!paused.current.hover && !paused.current.focus) timer.current = setTimeout(onClose, TOAST_MS);
    },
    [onClose],
  );
  useEffect(() => {
    if (stopped) return;
    restart();
    return () => clearTimeout(timer.current);
  }, [stopped, restart]);
  const pause = (what: 'hover' | 'focus', on: boolean) => {
    paused.current[what] = on;
    if (on) clearTimeout(timer.current);
    else if (!stopped) restart();
  };

  return (
    <Notification
      withBorder
      color={toast.state === 'failed' ? 'red' : 'indigo'}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('toast.close') }}
      role="status"
      aria-live="polite"
      data-testid={toast.testId ?? 'toast'}
      data-state={toast.state}
      onMouseEnter={() => pause('hover', true)}
      onMouseLeave={() => pause('hover', false)}
      onFocus={() => pause('focus', true)}
      onBlur={() => pause('focus', false)}
      style={{ boxShadow: 'var(--mantine-shadow-md)' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm" c="var(--mantine-color-text)" style={{ flex: 1 }}>
          {toast.message}
        </Text>
        {toast.undo && (
          <Button
            size="compact-sm"
            variant="light"
            style={{ flexShrink: 0 }}
            onClick={onUndo}
            loading={toast.state === 'undoing'}
            rightSection={<KeysLabel keys="Ctrl+Z" />}
            data-testid="toast-undo"
          >
            {t('toast.undo')}
          </Button>
        )}
      </Group>
      {toast.state === 'failed' && (
        <Text size="xs" c="red" mt={4} data-testid="toast-error">
          {t('toast.undoFailed', { message: toast.error })}
        </Text>
      )}
    </Notification>
  );
}
