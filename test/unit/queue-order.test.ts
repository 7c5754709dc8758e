import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priorityCategories, type PriorityCategory } from '#domain/application';
import { orderQueue, positionMoves, positionsOf, type QueueChange, type QueueEntry, type QueueRatio } from '#domain/queue-order';

const at = (hour: number) => new Date(Date.UTC(2024, 0, 1, hour)).toISOString();
const entry = (applicationId: string, priority: PriorityCategory, hour: number): QueueEntry => ({ applicationId, priority, registeredAt: at(hour) });
const ids = (entries: readonly QueueEntry[]) => entries.map((e) => e.applicationId);

// Few distinct hours, so ties on registeredAt (broken by id) are common.
const entries = fc.uniqueArray(
  fc.record({
    applicationId: fc.stringMatching(/^[a-z0-9]{1,3}$/),
    priority: fc.constantFrom(...priorityCategories),
    registeredAt: fc.integer({ min: 0, max: 12 }).map(at),
  }),
  { selector: (e) => e.applicationId, maxLength: 40 },
);
const ratios = fc
  .record({ priority: fc.integer({ min: 0, max: 3 }), general: fc.integer({ min: 0, max: 4 }) })
  .filter((r) => r.priority + r.general > 0);
const leaveReasons = fc.constantFrom('referred' as const, 'enrolled' as const, 'stopped' as const, 'withdrawn' as const);

const subQueueOf = (e: QueueEntry) => (e.priority === 'extraordinary' ? 'extraordinary' : e.priority === 'none' ? 'general' : 'priority');
const byRegistration = (a: QueueEntry, b: QueueEntry) =>
  Date.parse(a.registeredAt) - Date.parse(b.registeredAt) || (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0);
const reasonSum = (reasons: Partial<Record<string, number>>) => Object.values(reasons).reduce<number>((sum, n) => sum + (n ?? 0), 0);

describe('orderQueue', () => {
  it('should put extraordinary applications first, even if registered later', () => {
    // Prepare
    const queue = [entry('g1', 'none', 1), entry('p1', 'disability', 2), entry('x1', 'extraordinary', 9)];
    // Act + Assess
    expect(ids(orderQueue(queue))).toEqual(['x1', 'p1', 'g1']);
  });

  it('should interleave one priority application with three general ones', () => {
    // Prepare: p2 is as old as g1, yet waits for three general applications
    const queue = [
      ...[1, 2, 3, 4, 5, 6].map((h) => entry(`g${h}`, 'none', h)),
      entry('p1', 'large_family', 0),
      entry('p2', 'orphan', 1),
    ];
    // Act + Assess
    expect(ids(orderQueue(queue))).toEqual(['p1', 'g1', 'g2', 'g3', 'p2', 'g4', 'g5', 'g6']);
  });

  it('should let the other sub-queue continue alone when one runs out', () => {
    // Prepare
    const fewGeneral = [entry('p1', 'military', 1), entry('p2', 'military', 2), entry('p3', 'military', 3), entry('g1', 'none', 1), entry('g2', 'none', 2)];
    const fewPriority = [entry('p1', 'military', 9), ...[1, 2, 3, 4, 5].map((h) => entry(`g${h}`, 'none', h))];
    // Act + Assess
    expect(ids(orderQueue(fewGeneral))).toEqual(['p1', 'g1', 'g2', 'p2', 'p3']);
    expect(ids(orderQueue(fewPriority))).toEqual(['p1', 'g1', 'g2', 'g3', 'g4', 'g5']);
  });

  it('should break ties on the same instant by application id, whatever the time-zone notation', () => {
    // Prepare: 15:00+05:00 (Astana) is 10:00Z
    const queue: QueueEntry[] = [
      { applicationId: 'b', priority: 'none', registeredAt: '2024-01-01T15:00:00+05:00' },
      { applicationId: 'c', priority: 'none', registeredAt: '2024-01-01T09:59:59.999Z' },
      { applicationId: 'a', priority: 'none', registeredAt: '2024-01-01T10:00:00.000Z' },
    ];
    // Act + Assess
    expect(ids(orderQueue(queue))).toEqual(['c', 'a', 'b']);
  });

  it('should follow a tenant ratio of 2 : 1', () => {
    // Prepare
    const queue = [...[1, 2, 3].map((h) => entry(`p${h}`, 'disability', h)), ...[1, 2, 3].map((h) => entry(`g${h}`, 'none', h))];
    // Act + Assess
    expect(ids(orderQueue(queue, { priority: 2, general: 1 }))).toEqual(['p1', 'p2', 'g1', 'p3', 'g2', 'g3']);
  });

  it('should refuse duplicate ids, unreadable dates and a 0 : 0 ratio', () => {
    expect(() => orderQueue([entry('a', 'none', 1), entry('a', 'none', 2)])).toThrow(RangeError);
    expect(() => orderQueue([{ applicationId: 'a', priority: 'none', registeredAt: 'yesterday' }])).toThrow(RangeError);
    expect(() => orderQueue([], { priority: 0, general: 0 })).toThrow(RangeError);
  });

  it('should give positions that are a permutation of 1..n', () => {
    fc.assert(
      fc.property(entries, ratios, (queue, ratio) => {
        // Act
        const positions = positionsOf(queue, ratio);
        // Assess
        expect([...positions.keys()].sort()).toEqual(ids(queue).sort());
        expect([...positions.values()].sort((a, b) => a - b)).toEqual(queue.map((_, i) => i + 1));
      }),
    );
  });

  it('should keep each sub-queue in registration order and the extraordinary one first', () => {
    fc.assert(
      fc.property(entries, ratios, (queue, ratio) => {
        // Act
        const ordered = orderQueue(queue, ratio);
        // Assess
        for (const subQueue of ['extraordinary', 'priority', 'general']) {
          const inOrder = ordered.filter((e) => subQueueOf(e) === subQueue);
          expect(ids(inOrder)).toEqual(ids([...inOrder].sort(byRegistration)));
        }
        const extraordinaryCount = queue.filter((e) => e.priority === 'extraordinary').length;
        expect(ordered.slice(0, extraordinaryCount).every((e) => e.priority === 'extraordinary')).toBe(true);
      }),
    );
  });

  it('should place the k-th application of each sub-queue where the ratio says', () => {
    const positiveRatios = fc.record({ priority: fc.integer({ min: 1, max: 3 }), general: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(entries, positiveRatios, (queue, ratio) => {
        // Prepare: k-th priority has min(|G|, g·⌊(k−1)/p⌋) general ones before it; k-th general has min(|P|, p·⌈k/g⌉) priority ones
        const ordered = orderQueue(queue, ratio);
        const count = (subQueue: string) => queue.filter((e) => subQueueOf(e) === subQueue).length;
        const [extraordinary, priority, general] = [count('extraordinary'), count('priority'), count('general')];
        const expected = (e: QueueEntry, k: number) =>
          subQueueOf(e) === 'extraordinary'
            ? k
            : subQueueOf(e) === 'priority'
              ? extraordinary + k + Math.min(general, ratio.general * Math.floor((k - 1) / ratio.priority))
              : extraordinary + k + Math.min(priority, ratio.priority * Math.ceil(k / ratio.general));
        const seen = { extraordinary: 0, priority: 0, general: 0 };
        // Act + Assess
        ordered.forEach((e, index) => {
          const k = ++seen[subQueueOf(e)];
          expect(index + 1).toBe(expected(e, k));
        });
      }),
    );
  });

  it('should move nobody back, and nobody ahead of it, when an application leaves', () => {
    fc.assert(
      fc.property(entries.filter((q) => q.length > 0), fc.nat(), ratios, (queue, pick, ratio) => {
        // Prepare
        const leaving = queue[pick % queue.length] as QueueEntry;
        const before = positionsOf(queue, ratio);
        const leftFrom = before.get(leaving.applicationId) as number;
        // Act
        const after = positionsOf(queue.filter((e) => e !== leaving), ratio);
        // Assess
        for (const [id, to] of after) {
          const from = before.get(id) as number;
          expect(to).toBeLessThanOrEqual(from);
          if (from < leftFrom) expect(to).toBe(from);
        }
      }),
    );
  });
});

describe('positionMoves', () => {
  it('should explain moves after a priority application is referred', () => {
    // Prepare: p1 g1 g2 g3 p2 g4 → p2 g1 g2 g3 g4; p2 takes p1's priority slot
    const before = [entry('p1', 'disability', 1), entry('p2', 'disability', 2), ...[1, 2, 3, 4].map((h) => entry(`g${h}`, 'none', h))];
    const previous = positionsOf(before);
    const after = before.filter((e) => e.applicationId !== 'p1');
    const changes: QueueChange[] = [{ kind: 'left', applicationId: 'p1', reason: 'referred', previousPosition: 1 }];
    // Act
    const moves = positionMoves(after, previous, changes);
    // Assess: g1–g3 keep their places
    expect(moves).toEqual([
      { applicationId: 'p2', from: 5, to: 1, reasons: { referred: 1, reordered: 3 } },
      { applicationId: 'g4', from: 6, to: 5, reasons: { referred: 1 } },
    ]);
  });

  it('should explain a restored application joining ahead, and give it its own reason', () => {
    // Prepare: g0 was registered first and comes back from the stop-list
    const before = [1, 2, 3].map((h) => entry(`g${h}`, 'none', h));
    const previous = positionsOf(before);
    const after = [entry('g0', 'none', 0), ...before];
    // Act
    const moves = positionMoves(after, previous, [{ kind: 'joined', applicationId: 'g0', reason: 'restored' }]);
    // Assess
    expect(moves).toEqual([
      { applicationId: 'g0', from: undefined, to: 1, reasons: { restored: 1 } },
      { applicationId: 'g1', from: 1, to: 2, reasons: { restored: 1 } },
      { applicationId: 'g2', from: 2, to: 3, reasons: { restored: 1 } },
      { applicationId: 'g3', from: 3, to: 4, reasons: { restored: 1 } },
    ]);
  });

  it('should count a priority change only for those it overtook', () => {
    // Prepare: g3 gets a priority category and moves from 3 to 1 (1 : 3, so priority goes first)
    const before = [1, 2, 3].map((h) => entry(`g${h}`, 'none', h));
    const previous = positionsOf(before);
    const after = [entry('g1', 'none', 1), entry('g2', 'none', 2), entry('g3', 'large_family', 3)];
    // Act
    const moves = positionMoves(after, previous, [{ kind: 'joined', applicationId: 'g3', reason: 'priority_changed' }]);
    // Assess
    expect(moves).toEqual([
      { applicationId: 'g3', from: 3, to: 1, reasons: { priority_changed: 1, reordered: 2 } },
      { applicationId: 'g1', from: 1, to: 2, reasons: { priority_changed: 1 } },
      { applicationId: 'g2', from: 2, to: 3, reasons: { priority_changed: 1 } },
    ]);
  });

  it('should put a ratio change under reordered', () => {
    // Prepare
    const queue = [entry('p1', 'orphan', 1), entry('p2', 'orphan', 2), ...[1, 2, 3].map((h) => entry(`g${h}`, 'none', h))];
    const previous = positionsOf(queue, { priority: 1, general: 3 });
    // Act: p1 g1 g2 g3 p2 → p1 g1 p2 g2 g3
    const moves = positionMoves(queue, previous, [], { priority: 1, general: 1 });
    // Assess
    expect(moves).toEqual([
      { applicationId: 'p2', from: 5, to: 3, reasons: { reordered: 2 } },
      { applicationId: 'g2', from: 3, to: 4, reasons: { reordered: 1 } },
      { applicationId: 'g3', from: 4, to: 5, reasons: { reordered: 1 } },
    ]);
  });

  it('should explain every move after one application leaves by that one, plus reordered for the slot it frees', () => {
    fc.assert(
      fc.property(entries.filter((q) => q.length > 0), fc.nat(), leaveReasons, ratios, (queue, pick, reason, ratio) => {
        // Prepare
        const leaving = queue[pick % queue.length] as QueueEntry;
        const previous = positionsOf(queue, ratio);
        const previousPosition = previous.get(leaving.applicationId) as number;
        const change: QueueChange = { kind: 'left', applicationId: leaving.applicationId, reason, previousPosition };
        // Act
        const moves = positionMoves(queue.filter((e) => e !== leaving), previous, [change], ratio);
        // Assess
        for (const { from, to, reasons } of moves) {
          expect(from).toBeGreaterThan(previousPosition);
          expect((from as number) - to).toBeGreaterThanOrEqual(1);
          expect(reasons[reason]).toBe(1);
          expect(Object.keys(reasons).every((key) => key === reason || key === 'reordered')).toBe(true);
          expect(reasonSum(reasons)).toBe((from as number) - to);
        }
      }),
    );
  });

  it('should explain every move after one application registers by that one', () => {
    fc.assert(
      fc.property(entries.filter((q) => q.length > 0), fc.nat(), ratios, (queue, pick, ratio) => {
        // Prepare
        const joining = queue[pick % queue.length] as QueueEntry;
        const previous = positionsOf(queue.filter((e) => e !== joining), ratio);
        // Act
        const moves = positionMoves(queue, previous, [{ kind: 'joined', applicationId: joining.applicationId, reason: 'registered' }], ratio);
        // Assess
        const joinedAt = positionsOf(queue, ratio).get(joining.applicationId) as number;
        for (const { applicationId, from, to, reasons } of moves) {
          expect(reasons.registered).toBe(1);
          if (applicationId === joining.applicationId) continue;
          expect(to).toBeGreaterThan(joinedAt);
          expect(to - (from as number)).toBeGreaterThanOrEqual(1);
          expect(reasonSum(reasons)).toBe(to - (from as number));
        }
      }),
    );
  });

  it('should return exactly the changed positions, each with reasons adding up to at least the move', () => {
    const membership = fc.array(fc.record({ before: fc.boolean(), after: fc.boolean(), priorityChanged: fc.boolean() }), { minLength: 40, maxLength: 40 });
    fc.assert(
      fc.property(entries, membership, ratios, ratios, leaveReasons, (queue, flags, oldRatio, newRatio, reason) => {
        // Prepare: a cohort before and after, with some leaving, some joining and some changing category
        const flag = (i: number) => flags[i] as { before: boolean; after: boolean; priorityChanged: boolean };
        const before = queue.filter((_, i) => flag(i).before);
        const previous = positionsOf(before, oldRatio);
        const changed = (e: QueueEntry, i: number): QueueEntry =>
          flag(i).before && flag(i).priorityChanged ? { ...e, priority: e.priority === 'none' ? 'military' : 'none' } : e;
        const after = queue.map(changed).filter((_, i) => flag(i).after);
        const changes: QueueChange[] = queue.flatMap((e, i): QueueChange[] => {
          const { applicationId } = e;
          if (flag(i).before && !flag(i).after) return [{ kind: 'left', applicationId, reason, previousPosition: previous.get(applicationId) as number }];
          if (!flag(i).before && flag(i).after) return [{ kind: 'joined', applicationId, reason: 'registered' }];
          if (flag(i).before && flag(i).after && flag(i).priorityChanged) return [{ kind: 'joined', applicationId, reason: 'priority_changed' }];
          return [];
        });
        const positions = positionsOf(after, newRatio);
        // Act
        const moves = positionMoves(after, previous, changes, newRatio);
        // Assess
        const expectedIds = [...positions].filter(([id, to]) => previous.get(id) !== to).map(([id]) => id);
        expect(moves.map((m) => m.applicationId)).toEqual(expectedIds);
        for (const { applicationId, from, to, reasons } of moves) {
          expect(to).toBe(positions.get(applicationId));
          expect(from).toBe(previous.get(applicationId));
          if (from !== undefined) expect(reasonSum(reasons)).toBeGreaterThanOrEqual(Math.abs(from - to));
          else expect(reasons).toEqual({ registered: 1 });
        }
      }),
    );
  });

  it('should return no moves when nothing changed', () => {
    fc.assert(
      fc.property(entries, ratios, (queue, ratio) => {
        expect(positionMoves(queue, positionsOf(queue, ratio), [], ratio)).toEqual([]);
      }),
    );
  });
});
