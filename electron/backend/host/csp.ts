/**
 * The renderer's Content-Security-Policy, one string for both hosts: no remote code, no inline
 * scripts, media only from our own origin (browser host) or the media scheme (desktop).
 * Inline styles are allowed because the UI kit sets element styles at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: earmark-media:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
