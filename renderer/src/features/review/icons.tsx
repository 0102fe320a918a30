/** The few icons the review workspace needs, drawn inline (no icon font or package to load). */
type IconProps = { size?: number };

function Icon({ size = 18, children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      {children}
    </svg>
  );
}

export const PlayIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M7 4v16l13-8z" />
  </Icon>
);
export const PauseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 4h4v16H6zM14 4h4v16h-4z" />
  </Icon>
);
export const PreviousTurnIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 5h2v14H6zM20 5v14L9 12z" />
  </Icon>
);
export const NextTurnIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M16 5h2v14h-2zM4 5v14l11-7z" />
  </Icon>
);
export const SpeakerIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 9h4l5-4v14l-5-4H4zM16 8.5a5 5 0 0 1 0 7l-1.2-1.2a3.3 3.3 0 0 0 0-4.6z" />
  </Icon>
);
export const MutedIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 9h4l5-4v14l-5-4H4zM16 9.4l1.4-1.4 2 2 2-2 1.4 1.4-2 2 2 2-1.4 1.4-2-2-2 2-1.4-1.4 2-2z" />
  </Icon>
);
export const PinIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M14 3l7 7-2 1-2-2-4 4 1 5-2 2-4-4-4 4-1-1 4-4-4-4 2-2 5 1 4-4-2-2z" />
  </Icon>
);
export const TrashIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M9 3h6l1 2h4v2H4V5h4zM6 9h12l-1 12H7z" />
  </Icon>
);
export const ChevronUpIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 8l6 6-1.4 1.4L12 10.8l-4.6 4.6L6 14z" />
  </Icon>
);
export const ChevronDownIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 16l-6-6 1.4-1.4 4.6 4.6 4.6-4.6L18 10z" />
  </Icon>
);
export const ChevronLeftIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 12l6-6 1.4 1.4-4.6 4.6 4.6 4.6L14 18z" />
  </Icon>
);
export const ChevronRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M16 12l-6 6-1.4-1.4 4.6-4.6-4.6-4.6L10 6z" />
  </Icon>
);
export const KeyboardIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 6h18a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1zm2 3v2h2V9zm4 0v2h2V9zm4 0v2h2V9zm4 0v2h2V9zM5 13v2h2v-2zm4 0v2h6v-2zm8 0v2h2v-2z" />
  </Icon>
);
export const ClockIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm1 3v5l4 2-1 1.7-5-2.7V7z" />
  </Icon>
);
export const ZoomIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm-1 2h2v2h2v2h-2v2H9v-2H7V9h2z" />
  </Icon>
);
export const FitIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 4h6v2H6.4l3.3 3.3-1.4 1.4L5 7.4V10H3zm12 0h6v6h-2V7.4l-3.3 3.3-1.4-1.4L17.6 6H15zM8.3 13.3l1.4 1.4L6.4 18H9v2H3v-6h2v2.6zm7.4 0 3.3 3.3V14h2v6h-6v-2h2.6l-3.3-3.3z" />
  </Icon>
);
