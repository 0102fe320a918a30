import { Fragment } from 'react';

/**
 * Text holding file names and paths, with a line-break opportunity after each `/`, `\`, `_` and `.`:
 * "Rueckruf_Rechnung_20261112_agent.wav" wraps between its parts instead of running out of its box or
 * being cut in the middle of a word.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/\\_.])(?=[^\s/\\_.])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
