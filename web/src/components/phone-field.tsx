import { TextField } from './text-field.tsx';

/** A phone as typed, without the spaces, brackets and dashes people write it with. */
export function typedPhone(value: string): string {
  return value.replace(/[\s()-]/g, '');
}

/** Whether a phone (as `typedPhone` gives it) is a Kazakhstan number, +7 and ten digits, as the server takes it. */
export function isPhoneNumber(phone: string): boolean {
  return /^\+7\d{10}$/.test(phone);
}

interface PhoneFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly error: string | undefined;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly qa: string;
  /** `tel` for the parent's own phones (the browser may offer theirs); `off` for a number staff type for someone else. */
  readonly autocomplete: 'tel' | 'off';
}

/**
 * A phone number input: its label, hint and inline error tied to it for screen readers (a
 * `TextField`), the phone keyboard, and room for a number written with spaces and brackets. The
 * cabinet's second phone and the staff's change of a parent's phone use it.
 */
export function PhoneField(props: PhoneFieldProps) {
  return <TextField {...props} type="tel" inputMode="tel" maxLength={20} />;
}
