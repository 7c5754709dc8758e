import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface InlineConfirmProps {
  readonly label: string;
  readonly question: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  /** `data-qa` of the first button; the others get `-confirm` and `-cancel`. */
  readonly qa: string;
  readonly secondary?: boolean;
  /** Runs before the question opens (e.g. to fetch the numbers it names); `false` keeps it closed. */
  readonly beforeAsk?: () => Promise<boolean>;
}

/**
 * A button whose action needs a second thought: it opens an "Are you sure?" line in place (no
 * `window.confirm`, which screen readers and tests handle badly). The question takes focus so it
 * is read out; cancelling gives focus back to the button.
 */
export function InlineConfirm({ label, question, confirmLabel, cancelLabel, busy, onConfirm, qa, secondary = true, beforeAsk }: InlineConfirmProps) {
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useLayoutEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (returnFocus.current) triggerRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={triggerRef} class={secondary ? 'button button--secondary' : 'button'} onClick={() => void (beforeAsk ? beforeAsk() : Promise.resolve(true)).then((ask) => ask && setAsking(true))} disabled={busy} data-qa={qa}>
        {label}
      </button>
    );
  }
  return (
    <div class="confirm" data-qa={`${qa}-question`}>
      <p ref={questionRef} tabIndex={-1} class="confirm__question">
        {question}
      </p>
      <div class="button-group">
        <button type="button" class="button button--warning" onClick={onConfirm} disabled={busy} data-qa={`${qa}-confirm`}>
          {confirmLabel}
        </button>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            returnFocus.current = true;
            setAsking(false);
          }}
          disabled={busy}
          data-qa={`${qa}-cancel`}
        >
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
