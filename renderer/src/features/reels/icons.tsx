/** The reel builder's few icons, drawn inline like the review workspace's. */
type IconProps = { size?: number };

function Icon({ size = 16, children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      {children}
    </svg>
  );
}

export const UpIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 5l7 8h-5v6h-4v-6H5z" />
  </Icon>
);
export const DownIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 19l-7-8h5V5h4v6h5z" />
  </Icon>
);
export const RemoveIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6.4 5L12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z" />
  </Icon>
);
