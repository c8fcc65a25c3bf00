import { Text, type TextProps } from '@mantine/core';
import { formatMoney } from '@shared/money';

/** An amount in cents, formatted; negative amounts (credits) in red, zero dimmed when asked. */
export function Money({ cents, dimZero, colorNegative = true, ...rest }: { cents: number; dimZero?: boolean; colorNegative?: boolean } & TextProps) {
  const color = cents < 0 && colorNegative ? 'red.7' : cents === 0 && dimZero ? 'dimmed' : undefined;
  return (
    <Text span inherit c={color} className="num" {...rest}>
      {formatMoney(cents)}
    </Text>
  );
}
