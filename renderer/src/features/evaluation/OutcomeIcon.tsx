import type { EvaluationResult } from '../../../../shared/rubric/outcome';

/**
 * One shape per result, so pass, below target and critical fail differ without colour too (for
 * colour-blind readers and black-and-white printouts): a tick, a downward arrow, a cross in an
 * octagon (a stop sign), and an open ring for an unfinished draft. The text beside it says it in words.
 */
export function OutcomeIcon({ result, size = 14 }: { result: EvaluationResult; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      data-outcome-icon={result}
      style={{ flex: 'none' }}
    >
      {result === 'pass' && <path d="M4.5 12.5l5 5L19.5 7" />}
      {result === 'belowTarget' && <path d="M12 4v15M5.5 12.5L12 19l6.5-6.5" />}
      {result === 'criticalFail' && (
        <>
          <path d="M8.3 2.5h7.4l5.8 5.8v7.4l-5.8 5.8H8.3l-5.8-5.8V8.3z" strokeWidth={2} />
          <path d="M9 9l6 6M15 9l-6 6" />
        </>
      )}
      {result === 'incomplete' && <circle cx="12" cy="12" r="8" strokeDasharray="3.5 3" strokeWidth={2.2} />}
    </svg>
  );
}
