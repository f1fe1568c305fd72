import type { DuplicateCandidate } from '../store/duplicate-candidates';
import { pairKey } from '../store/duplicate-dismissals';
import { companyKey, nameKey, similarNames } from './name-key';

/** Why two contacts look like one person. */
export interface MatchReason {
  rule: 'email' | 'phone' | 'name';
  /** the shared e-mail, the shared E.164 number, or (similar names) the company they share */
  value: string;
  contactIds: [number, number];
}

export interface DuplicateGroup {
  /** lowest id first: the default survivor is the oldest contact */
  contactIds: number[];
  reasons: MatchReason[];
}

/**
 * A name block larger than this is not compared pair by pair (a block is one
 * company and one initial: 300 people give 45,000 comparisons at most).
 */
const MAX_NAME_BLOCK = 300;

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    // path compression: every id on the way points at the root, so chains stay short
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
}

/**
 * Groups a card's contacts that look like the same person: the same e-mail
 * (any case), the same phone in E.164, or a similar name at the same company
 * (name-key.ts). Nothing is compared pair by pair across the whole card:
 * e-mails and phones are exact keys (one map each), names are compared only
 * inside a block of one company and one first letter of the sorted name, so
 * 100,000 contacts cost a few passes, not 5 billion comparisons. Pairs in
 * `dismissed` ("not a duplicate") never join a group by themselves.
 */
export function findDuplicates(candidates: Iterable<DuplicateCandidate>, dismissed: ReadonlySet<string> = new Set()): DuplicateGroup[] {
  const reasons: MatchReason[] = [];
  const seenPairs = new Set<string>();
  const uf = new UnionFind();
  const link = (a: number, b: number, rule: MatchReason['rule'], value: string): void => {
    if (a === b) return;
    const key = pairKey(a, b);
    if (dismissed.has(key)) return;
    const ruleKey = `${rule}|${key}`;
    if (seenPairs.has(ruleKey)) return;
    seenPairs.add(ruleKey);
    reasons.push({ rule, value, contactIds: a < b ? [a, b] : [b, a] });
    uf.union(a, b);
  };

  const byEmail = new Map<string, number>();
  const byPhone = new Map<string, number>();
  const nameBlocks = new Map<string, { id: number; name: string; company: string }[]>();
  for (const c of candidates) {
    for (const email of new Set(c.emails)) {
      const first = byEmail.get(email);
      if (first === undefined) byEmail.set(email, c.id);
      else link(first, c.id, 'email', email);
    }
    for (const phone of new Set(c.phones)) {
      const first = byPhone.get(phone);
      if (first === undefined) byPhone.set(phone, c.id);
      else link(first, c.id, 'phone', phone);
    }
    const name = nameKey(c.firstName, c.lastName);
    const company = companyKey(c.company);
    if (name === '' || company === '') continue;
    const block = `${company}|${name[0]}`;
    const members = nameBlocks.get(block) ?? [];
    members.push({ id: c.id, name, company: c.company.trim() });
    nameBlocks.set(block, members);
  }
  for (const members of nameBlocks.values()) {
    if (members.length < 2 || members.length > MAX_NAME_BLOCK) continue;
    for (let i = 0; i < members.length; i += 1) {
      for (let j = i + 1; j < members.length; j += 1) {
        const a = members[i]!;
        const b = members[j]!;
        // already one group: another reason says why, and n similar names cost n - 1 reasons, not n²/2
        if (uf.find(a.id) === uf.find(b.id)) continue;
        if (similarNames(a.name, b.name)) link(a.id, b.id, 'name', a.company);
      }
    }
  }

  const groups = new Map<number, { ids: Set<number>; reasons: MatchReason[] }>();
  for (const reason of reasons) {
    const root = uf.find(reason.contactIds[0]);
    const group = groups.get(root) ?? { ids: new Set<number>(), reasons: [] };
    group.reasons.push(reason);
    for (const id of reason.contactIds) group.ids.add(id);
    groups.set(root, group);
  }
  return [...groups.values()]
    .map((g) => ({ contactIds: [...g.ids].sort((x, y) => x - y), reasons: g.reasons }))
    .sort((x, y) => x.contactIds[0]! - y.contactIds[0]!);
}
