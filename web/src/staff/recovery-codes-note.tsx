import { useEffect, useState } from 'preact/hooks';
import { api } from '../client.ts';
import type { OwnSecondFactor } from '../api-types.ts';
import { useStaffI18n } from './i18n/context.ts';

/** Fewer than this many recovery codes left: the note asks the person to get new ones. */
const lowAt = 3;

/** How many of their recovery codes the logged-in staff member has left (the console's first page). */
export function RecoveryCodesNote() {
  const { s } = useStaffI18n();
  const [own, setOwn] = useState<OwnSecondFactor | undefined>();
  useEffect(() => {
    void api('GET /api/staff/second-factor').then((result) => result.ok && setOwn(result.data));
  }, []);
  if (!own?.enrolled) return null;
  return (
    <p class={own.recoveryCodesLeft < lowAt ? 'notice' : 'hint'} data-qa="recovery-codes-left">
      {s.accounts.recoveryLeft(own.recoveryCodesLeft)}
      {own.recoveryCodesLeft < lowAt && ` ${s.accounts.recoveryLow}`}
    </p>
  );
}
