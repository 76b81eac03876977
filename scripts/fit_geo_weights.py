#!/usr/bin/env python3
"""Fits the place tagger's ranking weights (data/geo/rank-weights.tsv) on the geoparsing dev sets.

Standard library only. The model is a conditional logit: the readings of one ambiguous name compete, a
reading's score is the weighted sum of its features (crates/geo/src/score.rs lists them), and the fit
maximises the probability of the readings within 161 km of the gold point, with an L2 penalty towards the
hand-set weights the tagger had before (PRIOR), so that features the data says little about stay there. Names whose readings are all right or all wrong teach nothing
and are left out.

1. Dump the features of every ambiguous name (the tagger writes them when PETREL_GEO_FEATURES is set):
     for s in dev-geowebnews/gwn dev-geovirus/gv; do n=${s#*/}
       PETREL_GEO_FEATURES=/tmp/feat.$n.jsonl target/debug/petrel annotate ../shared/data/geo/$s.input.jsonl >/dev/null
     done
2. Cross-validate (fit on one set, test on the other, both directions) and fit on both:
     python3 scripts/fit_geo_weights.py --set gwn:/tmp/feat.gwn.jsonl:../shared/data/geo/dev-geowebnews/gwn \\
         --set gv:/tmp/feat.gv.jsonl:../shared/data/geo/dev-geovirus/gv [--write data/geo/rank-weights.tsv]
   prints, per direction, the share of the testable names whose best reading is within 161 km, with the
   current weights and the fitted ones, then the weights fitted on all sets (written with --write).
   The features depend on the first-pass readings of the other names (anchors, regions), which the
   weights change: dump again after writing and fit once more until the weights settle.
   --l2 sets the penalty (default 0.002); --cv-l2 0,0.002,0.01 chooses it by cross-validation.
3. `python3 scripts/fit_geo_weights.py --selftest` fits synthetic data with known weights (no data needed).
"""

import argparse
import json
import math
import os
import random
import sys

FEATURES = [
    "log_population", "region_named", "near_anchor", "capital", "alternate_name_only", "country_words",
    "country_places", "continent", "country", "admin1", "admin2", "region_cue", "region_namesake_inside",
    "outlet_country",
]
# The hand-set weights the tagger had before they were fitted: the prior that the L2 penalty pulls towards,
# which also keeps the weights of features that never tell apart the readings of a dev-set name
# (continent, country) where they were. outlet_country had no hand-set weight: its prior, 1.5 (as a capital's),
# is set by hand, since only GeoWebNews has outlets with country-code domains (GeoVirus is all WikiNews).
PRIOR = [1.0, 2.0, 2.0, 1.5, -1.0, 3.0, 0.0, 3.0, 3.0, 0.0, 0.0, 6.0, -1.0, 1.5]
HEADER = """# Weights of the place tagger's ranking features (crates/geo/src/score.rs lists and explains them).
# Fitted by scripts/fit_geo_weights.py (conditional logit over the readings of each ambiguous name; L2 {l2}
# towards the hand-set prior, chosen by cross-validation) on {sets}; do not edit by hand. Cross-validation (testable names whose best reading is within 161 km):
{cv}# feature<TAB>weight
"""


def km(a, b, c, d):
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def realign(start, surface, original):
    """The occurrence of `surface` in the input text nearest to `start` (as score_places.py does)."""
    if original is None or original[start:start + len(surface)] == surface:
        return start
    best, pos = None, original.find(surface)
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = original.find(surface, pos + 1)
    return start if best is None else best


def load_set(dump, prefix):
    """Groups of (features, label) for the names of `dump` that overlap a gold toponym of `prefix`."""
    gold = {}
    with open(prefix + ".gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            g = json.loads(line)
            gold[g["doc"]] = g["toponyms"]
    inputs = {}
    with open(prefix + ".input.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            inputs[d["id"]] = d["text"]
    groups = []
    with open(dump, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            s = realign(d["start"], d["surface"], inputs.get(d["doc"]))
            e = s + len(d["surface"])
            tops = [t for t in gold.get(d["doc"], []) if t["start"] < e and s < t["end"]]
            if not tops:
                continue
            t = tops[0]
            groups.append([(r["f"], km(t["lat"], t["lon"], r["lat"], r["lon"]) <= 161) for r in d["readings"]])
    return groups


def testable(groups):
    return [g for g in groups if any(y for _, y in g) and not all(y for _, y in g)]


def accuracy(groups, w):
    """Share of the names whose best reading (ties to the first, as the tagger orders them) is right."""
    right = 0
    for g in groups:
        scores = [sum(wi * xi for wi, xi in zip(w, x)) for x, _ in g]
        best = max(range(len(g)), key=lambda i: (scores[i], -i))
        right += g[best][1]
    return right / len(groups) if groups else 0.0


def loss_grad(groups, w, l2):
    n = len(FEATURES)
    loss, grad = 0.0, [0.0] * n
    for g in groups:
        scores = [sum(wi * xi for wi, xi in zip(w, x)) for x, _ in g]
        top = max(scores)
        ex = [math.exp(s - top) for s in scores]
        z = sum(ex)
        zp = sum(e for e, (_, y) in zip(ex, g) if y)
        loss -= math.log(zp / z)
        for e, (x, y) in zip(ex, g):
            p_all, p_pos = e / z, (e / zp if y else 0.0)
            for j in range(n):
                grad[j] -= (p_pos - p_all) * x[j]
    m = max(len(groups), 1)
    loss = loss / m + l2 * sum((wi - pi) ** 2 for wi, pi in zip(w, PRIOR)) / 2
    grad = [gj / m + l2 * (wj - pj) for gj, wj, pj in zip(grad, w, PRIOR)]
    return loss, grad


def fit(groups, l2, start=None, iters=20000):
    """Gradient descent with a backtracking step, from the prior; deterministic."""
    w = list(start) if start else list(PRIOR)
    loss, grad = loss_grad(groups, w, l2)
    step = 1.0
    for _ in range(iters):
        while step > 1e-9:
            cand = [wi - step * gi for wi, gi in zip(w, grad)]
            closs, cgrad = loss_grad(groups, cand, l2)
            if closs < loss:
                break
            step /= 2
        else:
            break
        if loss - closs < 1e-10:
            w, loss, grad = cand, closs, cgrad
            break
        w, loss, grad = cand, closs, cgrad
        step *= 1.5
    return w


def read_weights(path):
    w = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                name, v = line.split("\t")
                w[name] = float(v)
    return [w[f] for f in FEATURES]


def selftest():
    rng = random.Random(7)
    true = [1.0, 2.0, 1.5, 1.0, -1.0, 2.5, 1.0, 3.0, 2.0, 0.5, -0.5, 5.0, -1.0, 1.5]
    groups = []
    for _ in range(3000):
        g = []
        for _ in range(rng.randint(2, 5)):
            g.append([rng.uniform(2, 7)] + [float(rng.random() < 0.3) for _ in FEATURES[1:]])
        scores = [sum(a * b for a, b in zip(true, x)) for x in g]
        z = sum(math.exp(s - max(scores)) for s in scores)
        r, acc, pick = rng.random(), 0.0, len(g) - 1
        for i, s in enumerate(scores):
            acc += math.exp(s - max(scores)) / z
            if r < acc:
                pick = i
                break
        groups.append([(x, i == pick) for i, x in enumerate(g)])
    global PRIOR
    PRIOR = [0.0] * len(FEATURES)
    w = fit(groups, 0.0, iters=2000)
    err = max(abs(a - b) for a, b in zip(w, true))
    print("selftest: largest weight error %.2f" % err)
    return err < 0.6


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", default=[], help="NAME:DUMP.jsonl:GOLD_PREFIX")
    ap.add_argument("--l2", type=float, default=0.002)
    ap.add_argument("--cv-l2", default="", help="comma-separated penalties to choose from by cross-validation")
    ap.add_argument("--current", default=os.path.join(os.path.dirname(__file__), "..", "data", "geo",
                                                      "rank-weights.tsv"))
    ap.add_argument("--write", help="write the weights fitted on all sets here")
    ap.add_argument("--selftest", action="store_true")
    args = ap.parse_args()
    if args.selftest:
        sys.exit(0 if selftest() else 1)
    if len(args.set) < 2:
        ap.error("two --set at least (cross-validation fits on one and tests on the other)")
    sets = {}
    for s in args.set:
        name, dump, prefix = s.split(":", 2)
        sets[name] = testable(load_set(dump, prefix))
        print("%s: %d testable names" % (name, len(sets[name])))
    current = read_weights(args.current)
    penalties = [float(x) for x in args.cv_l2.split(",")] if args.cv_l2 else [args.l2]
    best_l2, best_cv, cv_lines = None, -1.0, {}
    for l2 in penalties:
        lines, total = [], 0.0
        for test in sets:
            train = [g for name, gs in sets.items() if name != test for g in gs]
            w = fit(train, l2)
            a_cur, a_fit = accuracy(sets[test], current), accuracy(sets[test], w)
            total += a_fit
            lines.append("#   fit on the others, test on %s (%d names): weights before %.1f%%, fitted %.1f%%\n"
                         % (test, len(sets[test]), 100 * a_cur, 100 * a_fit))
        print("l2 %g:\n%s" % (l2, "".join(lines)), end="")
        cv_lines[l2] = lines
        if total > best_cv:
            best_l2, best_cv = l2, total
    w = fit([g for gs in sets.values() for g in gs], best_l2)
    for name, gs in sets.items():
        print("all sets, l2 %g: %s %.1f%% (current %.1f%%)" % (best_l2, name, 100 * accuracy(gs, w),
                                                              100 * accuracy(gs, current)))
    for f, v in zip(FEATURES, w):
        print("  %-24s %8.3f" % (f, v))
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write(HEADER.format(l2=best_l2, sets=", ".join(sets), cv="".join(cv_lines[best_l2])))
            for f, v in zip(FEATURES, w):
                fh.write("%s\t%.3f\n" % (f, v))


if __name__ == "__main__":
    main()
