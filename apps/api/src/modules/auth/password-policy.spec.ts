import { describe, expect, it } from 'vitest';
import { passwordPolicyProblem } from './password-policy';

describe('password policy', () => {
  it('accepts 8+ characters with a letter and a digit', () => {
    expect(passwordPolicyProblem('demo1234')).toBeNull();
    expect(passwordPolicyProblem('城管2024abc')).toBeNull();
  });

  it('names what is missing', () => {
    expect(passwordPolicyProblem('abc1234')).toMatch(/at least 8/);
    expect(passwordPolicyProblem('abcdefgh')).toMatch(/digit/);
    expect(passwordPolicyProblem('12345678')).toMatch(/letter/);
    expect(passwordPolicyProblem('a1'.repeat(65))).toMatch(/at most 128/);
  });
});
