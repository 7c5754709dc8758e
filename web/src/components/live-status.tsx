/**
 * A polite live region that is always in the page, because screen readers only announce changes
 * to a region that already existed. `hidden` keeps it for screen readers only, where the page
 * already shows the same news visibly.
 */
export function LiveStatus({ message, hidden = false }: { message: string; hidden?: boolean }) {
  return (
    <p class={hidden ? 'visually-hidden' : 'live-status'} role="status" data-qa="live-status">
      {message}
    </p>
  );
}
