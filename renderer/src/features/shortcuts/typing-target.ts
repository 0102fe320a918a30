/** Keys a focused control uses itself: a slider its arrows, a button Space and Enter, a text box everything. */
const NAVIGATION_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);
const ACTIVATION_KEYS = new Set(['Space', 'Enter']);
const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'url',
  'tel',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/**
 * True when the key press belongs to the focused element rather than to a shortcut: anywhere the
 * reviewer is typing, and the keys a focused slider, list or button needs to work from the keyboard.
 */
export function ownsKeys(target: EventTarget | null, keys: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    if (TEXT_INPUT_TYPES.has(type)) return true;
    return type === 'range' ? NAVIGATION_KEYS.has(keys) : ACTIVATION_KEYS.has(keys);
  }
  const role = target.getAttribute('role');
  if (
    role === 'textbox' ||
    role === 'combobox' ||
    role === 'listbox' ||
    role === 'option' ||
    role === 'menuitem'
  )
    return true;
  // A focusable separator (the docked form's split) is moved with its arrows, with or without Shift.
  if (role === 'separator') return NAVIGATION_KEYS.has(keys.replace(/^Shift\+/, ''));
  if (role === 'slider' || role === 'spinbutton' || role === 'radio' || role === 'tab')
    return NAVIGATION_KEYS.has(keys);
  if (tag === 'BUTTON' || tag === 'A' || role === 'button' || role === 'checkbox' || role === 'switch')
    return ACTIVATION_KEYS.has(keys);
  return false;
}
