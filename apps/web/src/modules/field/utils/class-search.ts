import type { ClassificationDto, ClassKindName } from '@urbangrid/contracts';

/** A 小类 small class with its 大类 big class, as the report form offers it. */
export interface SmallClassOption {
  kind: ClassKindName;
  code: string;
  name: string;
  nameEn: string | null;
  bigCode: string;
  bigName: string;
  bigNameEn: string | null;
}

/** The class table arranged for the picker: big classes per kind and small classes per big class. */
export interface ClassTable {
  big(kind: ClassKindName): ClassificationDto[];
  small(kind: ClassKindName, bigCode: string): SmallClassOption[];
  /** Every small class of a kind, in code order. */
  allSmall(kind: ClassKindName): SmallClassOption[];
  find(kind: ClassKindName, code: string): SmallClassOption | null;
}

export function buildClassTable(items: readonly ClassificationDto[]): ClassTable {
  const byCode = new Map(items.map((c) => [`${c.kind}:${c.code}`, c]));
  const byCodeOrder = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  const smalls: SmallClassOption[] = items
    .filter((c) => c.level === 'small' && c.parentCode !== null)
    .flatMap((c) => {
      const big = byCode.get(`${c.kind}:${c.parentCode}`);
      if (!big) return [];
      return [
        {
          kind: c.kind,
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          bigCode: big.code,
          bigName: big.name,
          bigNameEn: big.nameEn,
        },
      ];
    })
    .sort(byCodeOrder);
  return {
    big: (kind) => items.filter((c) => c.kind === kind && c.level === 'big').sort(byCodeOrder),
    small: (kind, bigCode) => smalls.filter((s) => s.kind === kind && s.bigCode === bigCode),
    allSmall: (kind) => smalls.filter((s) => s.kind === kind),
    find: (kind, code) => smalls.find((s) => s.kind === kind && s.code === code) ?? null,
  };
}

/**
 * Small classes of a kind matching what the inspector typed: every word must appear in the
 * code, the Chinese or English name, or the big class's name. Best first: the exact code, then
 * codes starting with it, names starting with it, names containing it, and last matches found
 * only through the big class (暴露垃圾 before everything under 市容环境).
 */
export function searchClasses(
  options: readonly SmallClassOption[],
  query: string,
  limit = 30,
): SmallClassOption[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { option: SmallClassOption; score: number }[] = [];
  for (const option of options) {
    // Codes match from their start ("01" is not inside "0201"); names anywhere.
    const ownNames = [option.name.toLowerCase(), (option.nameEn ?? '').toLowerCase()];
    const bigNames = [option.bigName.toLowerCase(), (option.bigNameEn ?? '').toLowerCase()];
    const matchesOwn = (w: string) => option.code.startsWith(w) || ownNames.some((f) => f.includes(w));
    const matchesBig = (w: string) => option.bigCode === w || bigNames.some((f) => f.includes(w));
    if (!words.every((w) => matchesOwn(w) || matchesBig(w))) continue;
    const first = words[0];
    let score = 4;
    if (option.code === first) score = 0;
    else if (option.code.startsWith(first)) score = 1;
    else if (ownNames.some((f) => f.startsWith(first))) score = 2;
    else if (ownNames.some((f) => f.includes(first))) score = 3;
    scored.push({ option, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.option.code.localeCompare(b.option.code))
    .slice(0, limit)
    .map((s) => s.option);
}
