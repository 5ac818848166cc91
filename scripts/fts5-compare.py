#!/usr/bin/env python3
"""SQLite FTS5 on the knowledge-base test collection, for comparison with the portal's KnowledgeIndex.

Usage:
  scripts/fts5-compare.py --collection .build/eval/stackfaq --scorer ../shared/eval/trec_score.py [--out DIR]
      [--title-weights 1,2,4,8,12,16,24,32] [--articles knowledge-scale-10000.jsonl]

Quality: indexes docs.jsonl in an FTS5 table (title, body) with the porter tokenizer (over unicode61),
runs every clean and one-typo query as an OR of its words (Lucene's 33 stop words dropped, as the portal's
engine drops them) ranked by bm25() with the title weighted over the body, writes a TREC run per title
weight and query set, and scores it with the shared trec_score.py. FTS5 has no spelling correction (a
misspelt word simply matches nothing), and its bm25() has k1 = 1.2 and b = 0.75 built in: the column
weights are all there is to tune.

Latency: p50 and p99 of each query, wall clock and thread CPU time, in milliseconds. With --articles (the
synthetic articles `portal-eval --engine knowledge --scale N --out DIR` writes), also the time to index
them (title, phrasings, summary and body columns, weighted 8, 8, 2 and 1 as the portal's engine weighs
them) and the query latency among them, for the same comparison at a knowledge base's size.

Prints one JSON line per figure. Python 3 standard library only.
"""
import argparse
import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

# Lucene's English stop set, as Sources/Semantics/Search/LexicalAnalyzer.swift.
STOP = set("a an and are as at be but by for if in into is it no not of on or such that the their then there "
           "these they this to was will with".split())
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def match_expression(text):
    """An FTS5 query: the query's words (lower case, stop words dropped), each quoted, joined by OR."""
    words = [w for w in WORD.findall(text.lower()) if w not in STOP]
    return " OR ".join('"%s"' % w for w in dict.fromkeys(words))


def percentile(values, p):
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))
    return ordered[int(rank)] * 1000


def timed_queries(db, table, queries, weights, depth=10):
    """Runs every query; returns {query id: [doc ids]}, wall-clock and CPU seconds per query.

    `weights` are bm25()'s column weights after the first column, the unindexed id (weighted 0)."""
    sql = "SELECT id FROM %s WHERE %s MATCH ? ORDER BY bm25(%s, %s) LIMIT %d" % (
        table, table, table, ", ".join(str(w) for w in [0.0] + weights), depth)
    rankings, wall, cpu = {}, [], []
    for q in queries:
        expression = match_expression(q["text"])
        c0, t0 = time.thread_time(), time.perf_counter()
        rows = db.execute(sql, (expression,)).fetchall() if expression else []
        wall.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        rankings[q["id"]] = [r[0] for r in rows]
    return rankings, wall, cpu


def score(scorer, qrels, run_path):
    out = subprocess.run([sys.executable, scorer, str(run_path), str(qrels), "--json", "run"],
                         check=True, capture_output=True, text=True).stdout
    return {json.loads(l)["metric"][len("run."):]: json.loads(l)["value"] for l in out.splitlines() if l.strip()}


def emit(**fields):
    print(json.dumps(fields), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--collection", required=True)
    parser.add_argument("--scorer", required=True)
    parser.add_argument("--out", help="where the TREC runs go (default: the collection's parent folder)")
    parser.add_argument("--title-weights", default="1,2,4,8,12,16,24,32")
    parser.add_argument("--articles", help="synthetic articles from portal-eval --scale, for latency at size")
    args = parser.parse_args()

    folder = Path(args.collection)
    out = Path(args.out) if args.out else folder.parent
    out.mkdir(parents=True, exist_ok=True)
    docs = read_jsonl(folder / "docs.jsonl")
    sets = {"clean": read_jsonl(folder / "queries.jsonl"), "typo": read_jsonl(folder / "queries-typo.jsonl")}

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61')")
    t0 = time.perf_counter()
    db.executemany("INSERT INTO docs (id, title, body) VALUES (?, ?, ?)", [(d["id"], d["title"], d["body"]) for d in docs])
    db.commit()
    emit(metric="fts5.index", documents=len(docs), seconds=round(time.perf_counter() - t0, 3), sqlite=sqlite3.sqlite_version)

    for weight in [float(w) for w in args.title_weights.split(",")]:
        for name, queries in sets.items():
            rankings, wall, cpu = timed_queries(db, "docs", queries, [weight, 1.0])
            run = out / ("fts5_title%g.%s.run" % (weight, name))
            with open(run, "w") as f:
                for qid, ids in rankings.items():
                    for rank, did in enumerate(ids):
                        f.write("%s Q0 %s %d %f fts5\n" % (qid, did, rank + 1, -rank))
            measures = score(args.scorer, folder / "qrels.tsv", run)
            emit(metric="fts5.%s" % name, title_weight=weight, ndcg10=round(measures["ndcg10"], 4),
                 recall10=round(measures["recall10"], 4), p50_ms=round(percentile(wall, 50), 3),
                 p99_ms=round(percentile(wall, 99), 3), cpu_p50_ms=round(percentile(cpu, 50), 3),
                 cpu_p99_ms=round(percentile(cpu, 99), 3), run=str(run))

    if args.articles:
        articles = read_jsonl(args.articles)
        big = sqlite3.connect(":memory:")
        big.execute("CREATE VIRTUAL TABLE kb USING fts5(id UNINDEXED, title, phrasings, summary, body, tokenize='porter unicode61')")
        t0 = time.perf_counter()
        big.executemany("INSERT INTO kb (id, title, phrasings, summary, body) VALUES (?, ?, ?, ?, ?)",
                        [(a["id"], a["title"], "\n".join(a.get("phrasings", [])), a.get("summary", ""), a["body"]) for a in articles])
        big.commit()
        emit(metric="fts5.scale.index", articles=len(articles), seconds=round(time.perf_counter() - t0, 3))
        for name, queries in sets.items():
            _, wall, cpu = timed_queries(big, "kb", queries, [8.0, 8.0, 2.0, 1.0])
            emit(metric="fts5.scale.search.%s" % name, queries=len(queries), p50_ms=round(percentile(wall, 50), 3),
                 p99_ms=round(percentile(wall, 99), 3), cpu_p50_ms=round(percentile(cpu, 50), 3),
                 cpu_p99_ms=round(percentile(cpu, 99), 3))


if __name__ == "__main__":
    main()
