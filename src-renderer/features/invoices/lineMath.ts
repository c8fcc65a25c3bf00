import { centsToDecimalString } from '@shared/money';

/** Quantity text ("2", "1.5", "0.25") to thousandths, exactly (no floats); null when not a quantity. */
export function parseQuantity(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{0,3}))?$/.exec(text.trim().replace(/,/g, '')) ?? /^()\.(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const milli = Number(m[1] || '0') * 1000 + Number((m[2] ?? '').padEnd(3, '0') || '0');
  return Number.isSafeInteger(milli) ? milli : null;
}

/** 1500 -> "1.5", 2000 -> "2". */
export function formatQuantity(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole.toLocaleString('en-US')}.${frac}` : whole.toLocaleString('en-US');
}

/** Basis points to the text a clerk types: 825 -> "8.25", 700 -> "7". */
export function bpToText(bp: number): string {
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${Math.floor(bp / 100)}.${frac}` : String(Math.floor(bp / 100));
}

/** Cents to the text a clerk types: 12345 -> "123.45". */
export const centsToText = (cents: number) => centsToDecimalString(cents);
