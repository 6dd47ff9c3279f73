#!/usr/bin/env python3
"""Check a Saduak Queue database against the queue rules, independently.

    check_log.py --config FILE --db FILE [--all-called] [--quiet]

This is a second implementation of the rules of docs/architecture.md ("Queue
rules"), written from the specification and not from the C code, so that a
bug in common/core/queue.c or common/store/store.c cannot hide itself. It replays the
append-only event log in order (the store writes every decision in one
BEGIN IMMEDIATE transaction, so the log order is the order of decisions) and
checks:

  - every ticket row has exactly one 'issued' event, and every event of a
    ticket refers to an existing ticket;
  - each (day, prefix) is numbered 1..n with no gap and no repeat, and the
    code is the prefix followed by the number;
  - every event is allowed in the ticket's state at that moment, and the
    ticket row's state agrees with the state the log leads to;
  - every 'called' event names a known rule, and a call by the rules picked
    exactly the ticket the rules demand: first come first served within a
    service, the counter's policy (oldest first, or its services in order),
    priority classes first but never more than priority_cap in a row while a
    normal ticket of the counter's services waits;
  - each counter's current ticket is a called or serving ticket held by that
    counter;
  - with --all-called: every ticket was called exactly once (the
    concurrency test: only 'issue' and 'next' were used and the queue was
    drained).

Exit status 0 when everything holds, 1 with one line per problem (up to a
limit) on stderr otherwise, 2 on a usage error. Standard library only.
"""

import argparse
import collections
import re
import sqlite3
import sys

RULES = {"oldest-first", "service-order", "priority-first", "priority-cap", "manual"}

# Event -> (states it is allowed in, state after; None = unchanged).
OPEN = {"waiting", "called", "serving", "parked"}
TRANSITIONS = {
    "called": ({"waiting", "parked"}, "called"),
    "recalled": ({"called", "serving"}, None),
    "started": ({"called"}, "serving"),
    "finished": ({"called", "serving"}, "done"),
    "noshow": ({"called"}, "noshow"),
    "parked": ({"called", "serving"}, "parked"),
    "returned": ({"parked", "noshow"}, "waiting"),
    "transferred": ({"waiting", "called", "serving"}, "waiting"),
    "voided": ({"waiting", "called", "serving", "parked", "noshow"}, "voided"),
    "expired": (OPEN, "expired"),
    "rated": ({"done"}, None),
}
COUNTER_EVENTS = {"login", "logout", "break", "resume"}
MAX_PROBLEMS = 30


def read_config(path):
    """The few settings the rules need, read from the INI file by hand."""
    cfg = {"priority_cap": 2, "park_return_minutes": 10, "counters": {}}
    section = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line[0] in ";#":
                continue
            m = re.fullmatch(r"\[(.*)\]", line)
            if m:
                section = m.group(1).split()
                if section[0] == "counter":
                    cfg["counters"][int(section[1])] = {"services": [], "policy": "oldest"}
                continue
            key, _, value = (part.strip() for part in line.partition("="))
            if section == ["office"] and key in ("priority_cap", "park_return_minutes"):
                cfg[key] = int(value)
            elif section and section[0] == "counter":
                counter = cfg["counters"][int(section[1])]
                if key == "services":
                    counter["services"] = [s.strip() for s in value.split(",")]
                elif key == "policy":
                    counter["policy"] = value
    return cfg


class Checker:
    def __init__(self, cfg, db, all_called):
        self.cfg = cfg
        self.db = db
        self.all_called = all_called
        self.problems = []
        self.stats = collections.Counter()

    def problem(self, msg):
        self.problems.append(msg)

    def check_numbers(self):
        rows = self.db.execute(
            "SELECT day, prefix, group_concat(number) FROM "
            "(SELECT day, prefix, number FROM ticket ORDER BY day, prefix, number) "
            "GROUP BY day, prefix"
        ).fetchall()
        for day, prefix, numbers in rows:
            got = [int(n) for n in numbers.split(",")]
            if got != list(range(1, len(got) + 1)):
                dup = sorted(n for n, c in collections.Counter(got).items() if c > 1)
                gaps = sorted(set(range(1, max(got) + 1)) - set(got))
                self.problem(
                    f"day {day} prefix {prefix}: numbers not 1..{len(got)} "
                    f"(repeated {dup[:10]}, missing {gaps[:10]})"
                )
        for tid, code, prefix, number in self.db.execute(
            "SELECT id, code, prefix, number FROM ticket"
        ):
            if code != f"{prefix}{number:03d}":
                self.problem(f"ticket {tid}: code {code} is not {prefix}{number:03d}")

    def replay(self):
        tickets = {}
        for tid, service, priority, state, counter in self.db.execute(
            "SELECT id, service, priority, state, counter FROM ticket"
        ):
            tickets[tid] = {
                "row_state": state,
                "row_counter": counter,
                "priority": priority is not None and priority != "",
                "service": None,
                "state": None,
                "state_ms": 0,
                "counter": None,
                "issued": 0,
                "called": 0,
            }
        # The streak of each counter, as the set of values it may have: a
        # counter whose ticket left it other than by its own 'next' has its
        # streak reset lazily by the store, which the log does not show.
        streaks = collections.defaultdict(lambda: {0})
        holding = {}  # counter -> ticket id it holds (called/serving)
        events = self.db.execute(
            "SELECT id, ticket_id, at_ms, kind, service, counter, rule FROM event ORDER BY id"
        ).fetchall()
        park_ms = self.cfg["park_return_minutes"] * 60000
        for i, (eid, tid, at_ms, kind, service, counter, rule) in enumerate(events):
            if kind in COUNTER_EVENTS:
                streaks[counter] = {0}
                continue
            if tid is None:
                continue
            t = tickets.get(tid)
            if t is None:
                self.problem(f"event {eid} ({kind}) refers to missing ticket {tid}")
                continue
            if kind == "issued":
                t["issued"] += 1
                if t["issued"] > 1:
                    self.problem(f"ticket {tid} issued twice (event {eid})")
                t["service"], t["state"], t["state_ms"] = service, "waiting", at_ms
                continue
            if t["state"] is None:
                self.problem(f"event {eid} ({kind}) for ticket {tid} before it was issued")
                continue
            allowed, after = TRANSITIONS.get(kind, (set(), None))
            if t["state"] not in allowed:
                self.problem(f"event {eid}: ticket {tid} is {t['state']}, cannot be {kind}")
            if kind == "called":
                self.check_call(eid, tid, at_ms, counter, rule, tickets, streaks, park_ms)
                t["called"] += 1
                holding[counter] = tid
                t["counter"] = counter
            if kind == "transferred":
                t["service"] = service
            if after is not None:
                t["state"], t["state_ms"] = after, at_ms
            if after is not None and after not in ("called", "serving") and t["counter"]:
                held_by = t["counter"]
                t["counter"] = None
                if holding.get(held_by) == tid:
                    del holding[held_by]
                    # 'next' finishes and calls in one transaction: the
                    # following event is that call, at the same counter.
                    nxt = events[i + 1] if i + 1 < len(events) else None
                    own_next = (
                        kind == "finished"
                        and nxt is not None
                        and nxt[3] == "called"
                        and nxt[5] == held_by
                        and nxt[2] == at_ms
                    )
                    if not own_next:
                        streaks[held_by] = streaks[held_by] | {0}
        self.holding = holding
        for tid, t in tickets.items():
            if t["issued"] != 1:
                self.problem(f"ticket {tid} has {t['issued']} 'issued' events")
                continue
            if t["state"] != t["row_state"]:
                self.problem(
                    f"ticket {tid}: row says {t['row_state']} but its log leads to {t['state']}"
                )
            if t["state"] in ("called", "serving") and t["row_counter"] != t["counter"]:
                self.problem(
                    f"ticket {tid}: row says counter {t['row_counter']}, log says {t['counter']}"
                )
            if self.all_called and t["called"] != 1:
                self.problem(f"ticket {tid} was called {t['called']} times, not once")
        self.stats["tickets"] = len(tickets)

    def check_call(self, eid, tid, at_ms, counter, rule, tickets, streaks, park_ms):
        """Is ticket tid the one the rules give counter at this moment?"""
        self.stats["call " + str(rule)] += 1
        if rule not in RULES:
            self.problem(f"event {eid}: call of ticket {tid} has rule {rule!r}")
            return
        if rule == "manual":
            return  # out of turn, with a reason; the streak is kept
        conf = self.cfg["counters"].get(counter)
        if conf is None:
            self.problem(f"event {eid}: call at counter {counter}, which is not configured")
            return
        rank = {s: r for r, s in enumerate(conf["services"])}

        def eligible(t):
            return t["service"] in rank and (
                t["state"] == "waiting"
                or (t["state"] == "parked" and at_ms - t["state_ms"] >= park_ms)
            )

        def key(item):
            ident, t = item
            if conf["policy"] == "in-order":
                return (rank[t["service"]], ident)
            return (0, ident)

        waiting = [(i, t) for i, t in tickets.items() if eligible(t)]
        normal = sorted((x for x in waiting if not x[1]["priority"]), key=key)
        prio = sorted((x for x in waiting if x[1]["priority"]), key=key)
        plain_rule = "service-order" if conf["policy"] == "in-order" else "oldest-first"
        cap = self.cfg["priority_cap"]
        outcomes = set()  # (ticket, rule, new streak) allowed by some possible streak
        for streak in streaks[counter]:
            if prio and not normal:
                outcomes.add((prio[0][0], "priority-first", 0))
            elif prio and streak < cap:
                outcomes.add((prio[0][0], "priority-first", streak + 1))
            elif normal:
                outcomes.add((normal[0][0], "priority-cap" if prio else plain_rule, 0))
        fits = {s for (t, r, s) in outcomes if t == tid and r == rule}
        if not fits:
            want = ", ".join(f"{t} by {r}" for (t, r, _) in sorted(outcomes)) or "nothing"
            self.problem(
                f"event {eid}: counter {counter} called ticket {tid} by {rule}, "
                f"but the rules give {want} (streak {sorted(streaks[counter])}, "
                f"{len(normal)} normal and {len(prio)} priority waiting)"
            )
            return
        streaks[counter] = fits

    def check_counters(self):
        for counter, tid in self.db.execute(
            "SELECT counter, ticket_id FROM counter_state WHERE ticket_id IS NOT NULL"
        ):
            row = self.db.execute(
                "SELECT state, counter FROM ticket WHERE id = ?", (tid,)
            ).fetchone()
            if row is None:
                self.problem(f"counter {counter} holds missing ticket {tid}")
            elif row[0] not in ("called", "serving") or row[1] != counter:
                self.problem(
                    f"counter {counter} holds ticket {tid}, which is {row[0]} "
                    f"at counter {row[1]}"
                )
        for counter, tid in self.holding.items():
            row = self.db.execute(
                "SELECT ticket_id FROM counter_state WHERE counter = ?", (counter,)
            ).fetchone()
            if row is None or row[0] != tid:
                self.problem(
                    f"counter {counter}: the log says it holds ticket {tid}, "
                    f"counter_state says {row[0] if row else None}"
                )

    def run(self):
        self.check_numbers()
        self.replay()
        self.check_counters()
        return self.problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--all-called", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    cfg = read_config(args.config)
    db = sqlite3.connect(f"file:{args.db}?mode=rw", uri=True)
    checker = Checker(cfg, db, args.all_called)
    problems = checker.run()
    db.close()
    for p in problems[:MAX_PROBLEMS]:
        print(f"check_log: {p}", file=sys.stderr)
    if len(problems) > MAX_PROBLEMS:
        print(f"check_log: ... and {len(problems) - MAX_PROBLEMS} more", file=sys.stderr)
    if not args.quiet:
        summary = ", ".join(f"{k} {v}" for k, v in sorted(checker.stats.items()))
        print(f"check_log: {'FAIL' if problems else 'ok'}: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
