#!/usr/bin/env python3
"""Measures how separable the demo corpus's classes are with simple acoustic statistics.

Per utterance: mean and standard deviation over 25 ms frames (10 ms hop) of 13 MFCCs and log energy,
plus mean and standard deviation of log F0 over voiced frames and the voiced fraction (31 numbers).
A multinomial logistic regression (standardised inputs, L2) is trained on all speakers but one and
tested on the held-out speaker (leave-one-speaker-out). Reports the 4-class UAR (angry, happy,
neutral, sad), a 6-class UAR, and where the unseen classes (frustrated, surprised) land when only
the 4 basic classes are known.

    python3 installer/demo-corpus/measure_demo_corpus.py [resources/demo/manifest.csv]
"""
import csv
import os
import sys
import wave

import numpy as np

RATE = 16000
BASIC = ["angry", "happy", "neutral", "sad"]
ALL = BASIC + ["frustrated", "surprised"]


def read(path):
    with wave.open(path, "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768


def frames(x, size, hop):
    n = 1 + max(0, (len(x) - size) // hop)
    idx = np.arange(size)[None, :] + hop * np.arange(n)[:, None]
    return x[idx]


def mel_bank(n_mels=26, n_fft=512):
    mel = lambda f: 2595 * np.log10(1 + f / 700)
    inv = lambda m: 700 * (10 ** (m / 2595) - 1)
    pts = inv(np.linspace(mel(0), mel(RATE / 2), n_mels + 2))
    bins = np.floor((n_fft + 1) * pts / RATE).astype(int)
    fb = np.zeros((n_mels, n_fft // 2 + 1))
    for m in range(1, n_mels + 1):
        lo, c, hi = bins[m - 1], bins[m], bins[m + 1]
        fb[m - 1, lo:c] = (np.arange(lo, c) - lo) / max(1, c - lo)
        fb[m - 1, c:hi] = (hi - np.arange(c, hi)) / max(1, hi - c)
    return fb


FB = mel_bank()
N = 26
DCT = np.cos(np.pi / N * (np.arange(N)[None, :] + 0.5) * np.arange(13)[:, None])


def features(x):
    f = frames(x, 400, 160) * np.hamming(400)
    power = np.abs(np.fft.rfft(f, 512)) ** 2
    mfcc = np.log(power @ FB.T + 1e-10) @ DCT.T
    log_e = np.log(np.sum(f ** 2, axis=1) + 1e-10)[:, None]
    frame_feats = np.hstack([mfcc, log_e])
    # F0 by normalised autocorrelation over 40 ms frames, 60-400 Hz.
    g = frames(x, 640, 160)
    g = g - g.mean(axis=1, keepdims=True)
    spec = np.fft.rfft(g, 1280)
    ac = np.fft.irfft(np.abs(spec) ** 2)[:, :641]
    ac = ac / (ac[:, :1] + 1e-12)
    lo, hi = RATE // 400, RATE // 60
    lag = lo + np.argmax(ac[:, lo:hi], axis=1)
    peak = ac[np.arange(len(ac)), lag]
    energy = np.sum(g ** 2, axis=1)
    voiced = (peak > 0.5) & (energy > 0.05 * np.median(energy[energy > 0]) if np.any(energy > 0) else False)
    logf0 = np.log(RATE / lag[voiced]) if np.any(voiced) else np.array([np.log(100.0)])
    return np.concatenate([frame_feats.mean(0), frame_feats.std(0),
                           [logf0.mean(), logf0.std(), voiced.mean()]])


def train_logreg(X, y, k, l2=1e-2, steps=800, lr=0.5):
    W = np.zeros((X.shape[1], k))
    b = np.zeros(k)
    Y = np.eye(k)[y]
    for _ in range(steps):
        z = X @ W + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        gW = X.T @ (p - Y) / len(X) + l2 * W
        gb = (p - Y).mean(axis=0)
        W -= lr * gW
        b -= lr * gb
    return W, b


def uar(true, pred, k):
    recalls = [np.mean(pred[true == c] == c) for c in range(k) if np.any(true == c)]
    return float(np.mean(recalls))


def loso(X, labels, speakers, classes, test_classes=None):
    """Pooled leave-one-speaker-out predictions; returns (true, pred) over the test rows."""
    test_classes = test_classes or classes
    true, pred = [], []
    for s in sorted(set(speakers)):
        tr = np.array([sp != s and lab in classes for sp, lab in zip(speakers, labels)])
        te = np.array([sp == s and lab in test_classes for sp, lab in zip(speakers, labels)])
        mu, sd = X[tr].mean(0), X[tr].std(0) + 1e-9
        ytr = np.array([classes.index(lab) for lab in np.array(labels)[tr]])
        W, b = train_logreg((X[tr] - mu) / sd, ytr, len(classes))
        pred += list(np.argmax(((X[te] - mu) / sd) @ W + b, axis=1))
        true += list(np.array(labels)[te])
    return np.array(true), np.array(pred)


def main():
    manifest = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "demo", "manifest.csv")
    root = os.path.dirname(os.path.abspath(manifest))
    rows = list(csv.DictReader(open(manifest)))
    X = np.array([features(read(os.path.join(root, r["path"]))) for r in rows])
    labels = [r["label"] for r in rows]
    speakers = [r["speaker"] for r in rows]

    t, p = loso(X, labels, speakers, BASIC)
    ti = np.array([BASIC.index(v) for v in t])
    per_fold = []
    for s in sorted(set(speakers)):
        m = np.array([sp == s for sp, lab in zip(speakers, labels) if lab in BASIC])
        per_fold.append(uar(ti[m], p[m], 4))
    print("4-class LOSO UAR (pooled): %.1f%%  (per held-out speaker: mean %.1f%%, min %.1f%%, max %.1f%%)"
          % (100 * uar(ti, p, 4), 100 * np.mean(per_fold), 100 * np.min(per_fold), 100 * np.max(per_fold)))

    t6, p6 = loso(X, labels, speakers, ALL)
    print("6-class LOSO UAR (pooled): %.1f%%  (chance %.1f%%)"
          % (100 * uar(np.array([ALL.index(v) for v in t6]), p6, 6), 100 / 6))

    tu, pu = loso(X, labels, speakers, BASIC, test_classes=ALL)
    print("\nTrue class (rows) -> predicted basic class (columns, % of row), 4-class model, LOSO:")
    print("| true \\ predicted | " + " | ".join(BASIC) + " |")
    print("|---|" + "---|" * len(BASIC))
    for c in ALL:
        m = tu == c
        share = [100 * np.mean(pu[m] == j) for j in range(4)]
        print("| %s | " % c + " | ".join("%.0f" % v for v in share) + " |")
    conf = np.array([float(r["confidence"]) for r in rows])
    basic_rows = np.array([lab in BASIC for lab in labels])
    correct = np.zeros(len(rows), dtype=bool)
    order = [i for i, lab in enumerate(labels) if lab in BASIC]
    # loso() walks speakers in sorted order; map its pooled predictions back to manifest rows.
    k = 0
    for s in sorted(set(speakers)):
        for i in order:
            if speakers[i] == s:
                correct[i] = BASIC[p[k]] == labels[i]
                k += 1
    print("\nAccuracy by simulated rater agreement (4 basic classes):")
    for c in sorted(set(conf[basic_rows])):
        m = basic_rows & (conf == c)
        print("  confidence %.2f: %.1f%% of %d" % (c, 100 * correct[m].mean(), m.sum()))


if __name__ == "__main__":
    main()
