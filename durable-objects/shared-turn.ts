/**
 * One SQLite commit for the events that arrive together.
 *
 * A Durable Object commits its implicit SQLite transaction once per turn of its event loop,
 * and every WebSocket message is a turn of its own. Measured on workerd 1.20260426 with this
 * room's `messages` table, an insert and the chat's `last_seq` update take about 35 µs in a loop,
 * and the whole event whose only writes they are 250–400 µs; in the room's native profile
 * (`perf`, README "Scaling") the commits are about 12 % of its CPU at 1,000 messages/s. A flood
 * of frames on one socket went from 275 to 46 µs per stored message with this, in the order sent.
 *
 * So the room's events first wait for a shared turn: every event that arrives before it starts
 * continues inside it, in arrival order (promise reactions run first in, first out), and their
 * writes are committed together. A lone event waits for one timer hop. Nothing is acknowledged
 * earlier than before: the output gate still holds every frame sent in the turn until its commit
 * is durable, so "stored before acknowledged" holds for each message of the batch.
 *
 * Each caller arms its own timer and the first to fire opens the turn for all: a turn never
 * depends on one event's timer, which the runtime would drop with that event if it were
 * cancelled (a client gone mid-request).
 */
export class SharedTurn {
  private next: { promise: Promise<void>; open: () => void } | null = null;

  /** Resolves in the next shared turn; callers continue in the order they asked. */
  wait(): Promise<void> {
    let turn = this.next;
    if (!turn) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      turn = this.next = { promise, open };
    }
    const mine = turn;
    setTimeout(() => this.start(mine), 0);
    return mine.promise;
  }

  private start(turn: { open: () => void }) {
    if (this.next !== turn) return;
    // Events arriving from now on wait for the turn after this one.
    this.next = null;
    turn.open();
  }
}
