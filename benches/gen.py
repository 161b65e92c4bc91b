#!/usr/bin/env python3
"""Generates benchmark and demo data for sre-drill.

  gen.py bank --out DIR [--prompts 10000] [--files 10] [--seed 1]
      YAML prompt files for `sre-drill --bank DIR` (about 1.4 KB per prompt).

  gen.py history --prompts-json FILE --out FILE [--attempts 100000] [--days 730]
                 [--end 2026-11-27T18:00:00+00:00 (default: now)] [--seed 1] [--grading]
      A JSON Lines history in the v1 record format, spread over DAYS days ending at END,
      at the prompts listed in FILE (the output of `sre-drill list --json`). The learner
      it simulates starts weak in some skill areas (networking, databases, reliability
      weakest) and improves over time, so `stats` and `plan` have something to say.
      With --grading, records also carry a suggested grade (the learner grades
      themselves kindly at first) and, for prompts with a scenario, the findings
      (key evidence found, cause named), which grow with skill; the rest of each record
      is the same as without it.

Only the standard library is used; the same seed (and --end) gives the same files.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

AREAS = [
    "software-engineering", "distributed-systems", "operating-systems", "networking",
    "databases", "security", "reliability", "troubleshooting", "customer-support",
    "linux", "cloud", "git", "monitoring", "incident-response", "on-call",
]

WORDS = (
    "latency error budget rollout rollback canary disk inode socket kernel queue retry "
    "timeout cache replica leader quorum partition index query lock deadlock certificate "
    "dns resolver packet route firewall load balancer pod node container image deploy "
    "alert page runbook postmortem dashboard metric trace log sample shard backup restore "
    "migration schema throughput saturation capacity headroom failover region zone "
    "memory swap oom cpu steal iowait file descriptor connection pool thread process"
).split()

VERBS = "check measure compare narrow confirm drain restart roll throttle page escalate".split()


def sentence(rng, lo=6, hi=14):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    return " ".join(words)


def yaml_str(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def gen_bank(args):
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    categories = ["troubleshooting", "coding", "reliability"]
    per_file = -(-args.prompts // args.files)
    n = 0
    for f in range(args.files):
        category = categories[f % len(categories)]
        lines = [f"category: {category}", "prompts:"]
        for _ in range(per_file):
            if n >= args.prompts:
                break
            tags = rng.sample(AREAS, rng.randint(1, 3))
            lines.append(f"  - id: gen-{category[:4]}-{n:05d}")
            lines.append(f"    title: {yaml_str(sentence(rng, 3, 7))}")
            lines.append(f"    level: {rng.choice(['entry', 'mid', 'senior'])}")
            lines.append(f"    tags: [{', '.join(tags)}]")
            lines.append(f"    minutes: {rng.choice([5, 10, 15, 20, 30])}")
            if rng.random() < 0.5:
                lines.append(f"    think_seconds: {rng.choice([30, 60, 90])}")
            lines.append("    prompt: |")
            for _ in range(rng.randint(3, 5)):
                lines.append(f"      {sentence(rng, 10, 16)}.")
            for key, count in (("hints", 2), ("rubric", rng.randint(4, 7)),
                               ("pitfalls", 2), ("follow_ups", 2)):
                lines.append(f"    {key}:")
                for _ in range(count):
                    lines.append(f"      - {yaml_str(sentence(rng) + '.')}")
            n += 1
        path = os.path.join(args.out, f"bank-{f:02d}.yaml")
        with open(path, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    print(f"wrote {n} prompts in {args.files} files to {args.out}", file=sys.stderr)


def gen_history(args):
    rng = random.Random(args.seed)
    with open(args.prompts_json, encoding="utf-8") as f:
        prompts = [p for p in json.load(f) if p.get("category") != "company" or p.get("listen_for")]
    if not prompts:
        sys.exit("no prompts in " + args.prompts_json)
    end = (dt.datetime.fromisoformat(args.end) if args.end
           else dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    start = end - dt.timedelta(days=args.days)
    # Skill per area on the 1..4 grade scale: where the learner starts, and how much
    # they gain over the whole period.
    skill = {a: (rng.uniform(2.2, 3.1), rng.uniform(0.2, 0.9)) for a in AREAS}
    for weak in ("networking", "databases", "reliability"):
        skill[weak] = (rng.uniform(1.5, 1.9), rng.uniform(0.6, 1.1))

    def grade_for(prompt, progress):
        tags = [t for t in prompt.get("tags", []) if t in skill] or ["troubleshooting"]
        mean = sum(skill[t][0] + skill[t][1] * progress for t in tags) / len(tags)
        return max(1, min(4, round(rng.gauss(mean, 0.6))))

    # A second generator for --grading, so the other fields stay as they are without it.
    extra = random.Random(args.seed + 1)
    out = open(args.out, "w", encoding="utf-8")
    # Sessions of 1-4 prompts at random moments, sorted in time.
    sizes, total = [], 0
    while total < args.attempts:
        sizes.append(min(rng.randint(1, 4), args.attempts - total))
        total += sizes[-1]
    moments = sorted(start + dt.timedelta(seconds=rng.uniform(0, args.days * 86400))
                     for _ in sizes)
    written = 0
    for moment, size in zip(moments, sizes):
        session = f"{moment.strftime('%Y%m%d-%H%M%S')}-{rng.getrandbits(32):08x}"
        timed = rng.random() < 0.7
        clock = moment
        for index in range(1, size + 1):
            p = rng.choice(prompts)
            points = len(p.get("listen_for") or p.get("rubric") or [])
            progress = (moment - start) / (end - start)
            grade = grade_for(p, progress)
            share = min(1.0, max(0.0, (grade - 1) / 3 + rng.uniform(-0.2, 0.2)))
            covered = sorted(rng.sample(range(1, points + 1), round(share * points)))
            box = p.get("minutes", 10) * 60
            answer_secs = int(box * rng.uniform(0.4, 1.3))
            think = p.get("think_seconds", 0) if timed else 0
            started = clock
            finished = started + dt.timedelta(seconds=think + answer_secs + 60)
            clock = finished + dt.timedelta(seconds=30)
            follow_ups = []
            for q in (p.get("follow_ups") or [])[: rng.randint(0, 2)]:
                follow_ups.append({
                    # A follow-up in the bank is a string or {ask, listen_for}.
                    "question": q if isinstance(q, str) else q.get("ask", ""),
                    "answer": sentence(rng, 5, 12),
                    "grade": max(1, min(4, grade + rng.choice([-1, 0, 0, 1]))),
                    "answer_secs": rng.randint(40, 200),
                })
            record = {
                "v": 1,
                "id": f"{session}.{index}",
                "session": session,
                "started": started.isoformat(timespec="seconds"),
                "finished": finished.isoformat(timespec="seconds"),
                "prompt": p["id"],
                "title": p["title"],
                "category": p["category"],
                "level": p["level"],
                "tags": p.get("tags", []),
                "timed": timed,
                "time_box_secs": box,
                "think_secs": think,
                "answer_secs": answer_secs,
                "overtime_secs": max(0, answer_secs - box) if timed else 0,
                "hints_used": rng.choice([0, 0, 0, 1, 2]),
                "answer": "\n".join(f"{rng.choice(VERBS)} {sentence(rng, 4, 9)}"
                                    for _ in range(rng.randint(1, 4))),
                "rubric": {"covered": covered, "total": points},
                "grade": grade,
                "follow_ups": follow_ups,
                "note": sentence(rng, 4, 8) if rng.random() < 0.4 else "",
                "version": "0.1.0",
            }
            if args.grading:
                kind = extra.random() < 0.6 * (1 - progress)
                record["suggested_grade"] = max(1, min(4, grade - (1 if kind else 0)
                                                       + extra.choice([-1, 0, 0, 0, 1])))
                scenario = p.get("scenario")
                if scenario:
                    keys = sum(1 for e in scenario.get("evidence", []) if e.get("key"))
                    skill_share = (grade - 1) / 3
                    found = round(keys * min(1.0, max(0.0, skill_share + extra.uniform(-0.3, 0.3))))
                    named = extra.random() < 0.15 + 0.75 * skill_share
                    record["scenario"] = {
                        "actions": [],
                        "key_found": found,
                        "key_total": keys,
                        "cause_named": named,
                        "cause_secs": extra.randint(60, answer_secs) if named else None,
                        "risky": [],
                    }
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            written += 1
    out.close()
    print(f"wrote {written} attempts from {start:%Y-%m-%d} to {end:%Y-%m-%d} to {args.out}",
          file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    bank = sub.add_parser("bank", help="a generated prompt bank (YAML files)")
    bank.add_argument("--out", required=True)
    bank.add_argument("--prompts", type=int, default=10000)
    bank.add_argument("--files", type=int, default=10)
    bank.add_argument("--seed", type=int, default=1)
    history = sub.add_parser("history", help="a generated history (JSON Lines)")
    history.add_argument("--prompts-json", required=True)
    history.add_argument("--out", required=True)
    history.add_argument("--attempts", type=int, default=100000)
    history.add_argument("--days", type=int, default=730)
    history.add_argument("--end", default=None)
    history.add_argument("--seed", type=int, default=1)
    history.add_argument("--grading", action="store_true",
                         help="add suggested grades and scenario findings")
    args = parser.parse_args()
    if args.what == "bank":
        gen_bank(args)
    else:
        gen_history(args)


if __name__ == "__main__":
    main()
