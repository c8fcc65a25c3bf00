import { describe, expect, it } from 'vitest';
import { OVERPAYMENT_MARGIN_CENTS, overpaymentExcess, overpaymentQuestion } from '@shared/domain/payments';

describe('a payment far above the balance asks to confirm', () => {
  it('asks for the issue’s case: $10,000.00 on a $2,935.00 balance', () => {
    const excess = overpaymentExcess(1_000_000, 293_500);
    expect(excess).toBe(706_500);
    expect(overpaymentQuestion(1_000_000, 293_500, excess!)).toBe(
      '$10,000.00 is $7,065.00 more than the balance of $2,935.00; the rest stays as unapplied credit. Post anyway?',
    );
  });

  it('lets a payment up to the balance, or a little over it, through', () => {
    expect(overpaymentExcess(293_500, 293_500)).toBeNull();
    expect(overpaymentExcess(100, 293_500)).toBeNull();
    // $50.00 over exactly: within the margin.
    expect(overpaymentExcess(293_500 + OVERPAYMENT_MARGIN_CENTS, 293_500)).toBeNull();
    // $50.01 over on $2,935.00: over the margin but under a tenth of the balance ($293.50).
    expect(overpaymentExcess(293_500 + 5_001, 293_500)).toBeNull();
    // A tenth over exactly passes; a cent more asks.
    expect(overpaymentExcess(293_500 + 29_350, 293_500)).toBeNull();
    expect(overpaymentExcess(293_500 + 29_351, 293_500)).toBe(29_351);
  });

  it('on a small balance the $50.00 margin decides', () => {
    expect(overpaymentExcess(2_000 + 5_000, 2_000)).toBeNull();
    expect(overpaymentExcess(2_000 + 5_001, 2_000)).toBe(5_001);
  });

  it('counts a balance at or below zero as nothing owed', () => {
    expect(overpaymentExcess(5_000, 0)).toBeNull();
    expect(overpaymentExcess(5_001, 0)).toBe(5_001);
    expect(overpaymentExcess(20_000, -10_000)).toBe(20_000);
    expect(overpaymentQuestion(20_000, -10_000, 20_000)).toBe(
      '$200.00 is $200.00 more than the balance of $0.00; the rest stays as unapplied credit. Post anyway?',
    );
  });
});
