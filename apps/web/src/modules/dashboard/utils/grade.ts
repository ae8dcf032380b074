/**
 * 评价等级 colours (spec 05 §7.1): A 绿 green ≥ 90, B 蓝 blue ≥ 75, C 黄 yellow ≥ 60, D 红 red ≥ 40,
 * E 黑 black. The API names the colour; these are the tokens drawn for it, with a text colour
 * that stays readable on each.
 */
export const GRADE_COLOURS: Readonly<Record<string, { background: string; text: string }>> = {
  green: { background: '#2e7d32', text: '#ffffff' },
  blue: { background: '#1565c0', text: '#ffffff' },
  yellow: { background: '#f9d71c', text: '#1f1f1f' },
  red: { background: '#c62828', text: '#ffffff' },
  black: { background: '#1f1f1f', text: '#ffffff' },
};

/** The grade bands of the default profile, for the legend (lower bound inclusive). */
export const GRADE_LEGEND = [
  { grade: 'A', colour: 'green', from: 90 },
  { grade: 'B', colour: 'blue', from: 75 },
  { grade: 'C', colour: 'yellow', from: 60 },
  { grade: 'D', colour: 'red', from: 40 },
  { grade: 'E', colour: 'black', from: 0 },
] as const;

export function gradeStyle(colour: string | null | undefined): { background: string; text: string } {
  return (colour ? GRADE_COLOURS[colour] : undefined) ?? { background: '#8a8f98', text: '#ffffff' };
}
