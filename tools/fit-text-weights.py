#!/usr/bin/env python3
"""Refit the plain-text reader's headline and author weights.

Runs feedloom over the public half of the plain-text metadata benchmark with
FEEDLOOM_DUMP_TEXT_FEATURES set, so that every headline and author candidate's
feature vector is written out; then, for each page whose labelled answer is
among its candidates, fits a soft-max over the page's candidates (cross-entropy
of the right candidates' share, L2 penalty, Adam from zero weights, full batch).
A model may be pruned: weights smaller than its cut are dropped and the rest
refitted (fewer weights, each carried by many pages).
Prints the 2-fold cross-validated accuracy (random halves, each fitted, pruning
included, on one and tested on the other, averaged over --repeats splits; an
author answer must also beat the threshold, which must equal
AuthorWeights.threshold), the fit on all pages, and the weight tables in the
Swift form of TitleFeatures.swift / AuthorWeights.swift; --write puts them in.

    python3 tools/fit-text-weights.py ../shared/textmeta [--binary .build/release/feedloom]
        [--only title|author] [--l2 X] [--prune X] [--repeats N] [--dump FILE.json] [--write]

Needs numpy (the fit is a few hundred full passes over ~30 000 candidates).
After changing a feature: build, run this with --write; the author candidates are
placed relative to the chosen headline, so after writing new headline weights
rebuild and refit the authors (--only author) on a fresh dump. Then check the
scoreboard (bash ../shared/scoreboard.sh textmeta) and `swift test`.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT_DIR = os.path.join(ROOT, "Sources", "FeedloomParse", "Text")

# (label, Swift file, feature enum, l2 penalty, Adam steps, score an answer must beat, weights
# smaller than this are dropped and the rest refitted): the
# settings today's weights were fitted with (the author threshold is AuthorWeights.threshold).
MODELS = [
    ("title", "TitleFeatures.swift", "TitleFeature", 0.001, 500, None, 0.3),
    ("author", "AuthorWeights.swift", "AuthorFeature", 0.003, 400, 0.5, 0.0),
]
LEARNING_RATE = 0.05
SPLIT_SEED = 1
TABLE_START = "  static let weights: [Double] = [\n"
TABLE_END = "  ]\n"


def title_tokens(s):
    return re.findall(r"\w+", s.lower())


def author_tokens(s):
    return set(t.casefold() for t in re.findall(r"\w+", unicodedata.normalize("NFKC", s)))


def is_right(kind, text, label):
    """Whether a candidate is the page's answer, as the benchmark's scorer compares them."""
    if kind == "title":
        return title_tokens(text) == title_tokens(label["title"])
    return author_tokens(text.replace(";", " ")) == author_tokens(" ".join(label["authors"]))


def feature_names(swift_file, enum):
    source = open(os.path.join(TEXT_DIR, swift_file)).read()
    start = source.index(f"enum {enum}: Int, CaseIterable {{")
    body = source[start:source.index("\n}\n", start)]
    return re.findall(r"^  case (\w+)$", body, re.M)


def committed_weights(swift_file):
    source = open(os.path.join(TEXT_DIR, swift_file)).read()
    a = source.index(TABLE_START) + len(TABLE_START)
    return np.array([float(x) for x in re.findall(r"^    (-?[\d.]+),", source[a:source.index(TABLE_END, a)], re.M)])


def dump_candidates(binary, data, ids, jobs):
    """{page id: {"title": [(line, features, text)], "author": [...]}} from the binary's dump."""
    with tempfile.TemporaryDirectory() as tmp:
        def run(pid):
            path = os.path.join(tmp, pid + ".tsv")
            env = dict(os.environ, FEEDLOOM_DUMP_TEXT_FEATURES=path)
            subprocess.run([binary, "parse", "--kind", "text", "--compact", os.path.join(data, "text", pid + ".txt")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, timeout=60)
            found = {"title": [], "author": []}
            if os.path.exists(path):
                for row in open(path, encoding="utf-8"):
                    kind, line, features, text = row.rstrip("\n").split("\t", 3)
                    found[kind].append((int(line), [float(v) for v in features.split(",")], text))
            return pid, found
        with ThreadPoolExecutor(jobs) as pool:
            return dict(pool.map(run, ids))


def accuracy(w, pages, threshold=None):
    """Pages whose best-scored candidate is right (and, with a threshold, scores above it)."""
    right = 0
    for _, X, y in pages:
        s = X @ w
        k = int(np.argmax(s))
        right += bool(y[k]) and (threshold is None or s[k] > threshold)
    return right


def cross_validated(pages, l2, steps, threshold, folds=2, repeats=5, cut=0.0):
    """Mean right pages over `repeats` random `folds`-fold splits (fit, pruning included, on the
    rest; test on one)."""
    total = 0
    for seed in range(SPLIT_SEED, SPLIT_SEED + repeats):
        order = np.random.default_rng(seed).permutation(len(pages))
        for f in range(folds):
            test = [pages[i] for i in order[f::folds]]
            train = [pages[i] for k, i in enumerate(order) if k % folds != f]
            total += accuracy(fit_pruned(train, l2, steps, cut), test, threshold)
    return total / repeats


def fit(pages, l2, steps):
    d = pages[0][1].shape[1]
    w, m, v = np.zeros(d), np.zeros(d), np.zeros(d)
    for t in range(1, steps + 1):
        g = np.zeros(d)
        for _, X, y in pages:
            s = X @ w
            s -= s.max()
            p = np.exp(s)
            p /= p.sum()
            q = y * p
            q /= q.sum()
            g += X.T @ (p - q)
        g = g / len(pages) + l2 * w
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= LEARNING_RATE * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def fit_pruned(pages, l2, steps, cut):
    """Fit, drop the features whose weight stays below `cut` in size, fit again on the rest:
    fewer weights, each one carried by many pages."""
    w = fit(pages, l2, steps)
    if not cut:
        return w
    keep = np.abs(w) >= cut
    kept = fit([(pid, X[:, keep], y) for pid, X, y in pages], l2, steps)
    w = np.zeros(len(keep))
    w[keep] = kept
    return w


def swift_table(names, w):
    return "".join(f"    {x:.3f},  // {n}\n" for n, x in zip(names, w))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", help="the benchmark folder (../shared/textmeta)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "feedloom"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="rewrite the weight tables in the Swift sources")
    parser.add_argument("--prune", type=float, help="drop weights below this size and refit (default: each model's own)")
    parser.add_argument("--only", choices=[m[0] for m in MODELS], help="fit (and write) one model only")
    parser.add_argument("--repeats", type=int, default=5, help="random 2-fold splits the estimate averages")
    parser.add_argument("--l2", type=float, help="L2 penalty for both models (default: each model's own)")
    parser.add_argument("--steps", type=int, help="Adam steps (default: each model's own)")
    parser.add_argument("--dump", help="reuse (or write) the candidates' dump as JSON here")
    args = parser.parse_args()

    truth = json.load(open(os.path.join(args.data, "ground-truth.json")))
    ids = [pid for pid, label in truth.items() if "title" in label or "authors" in label]
    if args.dump and os.path.exists(args.dump):
        dumped = json.load(open(args.dump))
    else:
        dumped = dump_candidates(args.binary, args.data, ids, args.jobs)
        if args.dump:
            json.dump(dumped, open(args.dump, "w"))

    for kind, swift_file, enum, l2, steps, threshold, prune in MODELS:
        if args.only and kind != args.only:
            continue
        if args.l2 is not None:
            l2 = args.l2
        names = feature_names(swift_file, enum)
        key = "title" if kind == "title" else "authors"
        labelled = [pid for pid in ids if key in truth[pid]]
        pages = []
        for pid in labelled:
            candidates = dumped[pid][kind]
            y = np.array([is_right(kind, text, truth[pid]) for _, _, text in candidates])
            if y.any():
                pages.append((pid, np.array([x for _, x, _ in candidates]), y))
        if not pages or pages[0][1].shape[1] != len(names):
            sys.exit(f"{kind}: the dump does not hold {len(names)} features a candidate (is the binary current?)")
        cut = args.prune if args.prune is not None else prune
        cv = cross_validated(pages, l2, args.steps or steps, threshold, repeats=args.repeats, cut=cut)
        w = fit_pruned(pages, l2, args.steps or steps, cut)
        old = committed_weights(swift_file)
        print(f"{kind}: {len(labelled)} labelled pages, answer among the candidates on {len(pages)}")
        print(f"  2-fold cross-validated (mean of {args.repeats} random splits, l2 {l2}): "
              f"{cv:.1f}/{len(pages)} = {cv / len(pages):.3f} ({cv / len(labelled):.3f} of the labelled pages)")
        print(f"  fitted on all: {accuracy(w, pages, threshold)}/{len(pages)}; committed weights: "
              f"{accuracy(old, pages, threshold) if len(old) == len(names) else 'n/a'}/{len(pages)}")
        if len(old) == len(names):
            print(f"  largest change against the committed weights: {np.abs(np.round(w, 3) - old).max():.3f}")
        print(f"  {swift_file}:\n{TABLE_START}{swift_table(names, w)}{TABLE_END}")
        if args.write:
            path = os.path.join(TEXT_DIR, swift_file)
            source = open(path).read()
            start = source.index(TABLE_START) + len(TABLE_START)
            source = source[:start] + swift_table(names, w) + source[source.index(TABLE_END, start):]
            open(path, "w").write(source)


if __name__ == "__main__":
    main()
