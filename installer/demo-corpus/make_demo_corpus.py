#!/usr/bin/env python3
"""Generates e2v's synthetic demo corpus: resources/demo/wav/<speaker>/<id>.wav + manifest.csv.

Ten synthetic speakers (flite, espeak-ng and festival voices, each with its own pitch and tempo
offset) speak short, emotionally neutral sentences in six classes: angry, happy, neutral, sad (the
basic set) and frustrated, surprised (held out as "unseen" classes; frustrated is built between
angry and neutral, surprised near happy). The class only changes prosody and voice quality -- mean
pitch, pitch range, speaking rate, loudness, pauses, overdrive, low-pass darkness -- scaled by a
per-utterance strength; the sentence is drawn independently of the class, so the words carry no
label. Class-independent recording conditions are then drawn for every utterance: additive noise
(white/pink/brown) at a random SNR, reverberation, band-limiting (telephone or low-pass) and gain.
Weaker-prosody utterances get lower simulated rater agreement (the confidence column).

Everything is drawn from one seed, so the corpus is reproducible:
    python3 installer/demo-corpus/make_demo_corpus.py [--out resources/demo] [--seed 20240611]
Needs (Debian): espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k sox python3-numpy
"""
import argparse
import csv
import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import wave

import numpy as np

RATE = 16000
CLASSES = ["angry", "happy", "neutral", "sad", "frustrated", "surprised"]
PER_CLASS = 5  # utterances per speaker and class

# engine, voice, split, speaker pitch offset (semitones), speaker tempo factor
SPEAKERS = [
    ("spk01", "flite", "slt", "train", 0.0, 1.00),
    ("spk02", "flite", "rms", "train", -1.0, 0.97),
    ("spk03", "espeak", "en-us+f3", "train", 0.0, 1.00),
    ("spk04", "espeak", "en-gb+m3", "train", -1.5, 1.03),
    ("spk05", "festival", "kal_diphone", "train", 1.0, 1.00),
    ("spk06", "espeak", "en-gb-scotland+f2", "train", 1.0, 0.95),
    ("spk07", "flite", "awb", "dev", 0.5, 1.02),
    ("spk08", "espeak", "en-029+m7", "dev", -0.5, 0.98),
    ("spk09", "flite", "kal16", "test", 1.5, 1.00),
    ("spk10", "festival", "ked_diphone", "test", -1.0, 1.04),
]

# Class prosody at full strength, relative to neutral: (mean-pitch shift in semitones, applied with
# sox so that every engine follows it; pitch-range factor and rate factor, applied by the synthesiser;
# loudness dB before the class-independent recording gain; overdrive gain; low-pass Hz; pause prob.)
PROSODY = {
    "neutral":    (0.0,  1.00, 1.00, 0.0,  0,  None, 0.15),
    "angry":      (4.0,  1.50, 1.15, 6.0,  18, None, 0.10),
    "happy":      (6.0,  1.80, 1.08, 3.0,  0,  None, 0.05),
    "sad":        (-4.0, 0.50, 0.80, -6.0, 0,  2800, 0.55),
    "frustrated": (1.0,  1.10, 0.95, 3.0,  13, None, 0.40),
    "surprised":  (8.0,  2.10, 1.04, 3.0,  0,  None, 0.05),
}

# Short, emotionally neutral-ish sentences; any class may say any of them.
SENTENCES = """The meeting moved to the third floor.
I put the keys next to the phone.
The train leaves at half past seven.
She painted the fence on Sunday.
We need two more chairs in here.
The package arrived this afternoon.
He read the whole report last night.
The store closes early on Fridays.
They changed the password again.
My brother bought a new car.
The window in the kitchen is open.
Our flight was moved to gate nine.
The dog found the ball under the bed.
I saw the results on the screen.
The printer is out of paper.
She called about the schedule.
The bus stopped right in front of us.
We are having soup for dinner.
The lights went off at midnight.
He left his jacket in the office.
The test starts in ten minutes.
They built a bridge over the river.
I will see you at the station.
The letter came back unopened.
You can park behind the building.
The coffee machine is making noise.
She moved the boxes to the garage.
The numbers came in this morning.
We walked home along the beach.
The phone rang during the movie.
He wrote the address on a card.
The garden needs more water.
The game was cancelled because of rain.
I found the old photographs.
The doctor will call you back.
They painted the walls bright blue.
The new manager starts on Monday.
The door was already unlocked.
My sister lives near the harbour.
We counted every single box.
The cat is sleeping on the sofa.
He finished the puzzle by himself.
The parcel is still at the post office.
Someone left the gate open.
The neighbours are moving next week.
I heard the news on the radio.
She took the early train today.
The computer restarted on its own.
The bakery sold out of bread.
They are waiting outside the hall.
The exam results are posted online.
We ordered pizza for the team.
The shop on the corner is closed.
He changed the tyre in the rain.
The children planted a small tree.
It snowed all through the night.
The concert starts at eight.
I moved my desk near the window.
The water in the lake is cold.
They sent the invoice twice.
The elevator is out of order.
She kept the receipt in her bag.
The plan changed at the last minute.
He fixed the clock in the hall.
We got a letter from the bank.
The river rose after the storm.
The tickets are on the table.
My phone battery is almost empty.
""".strip().splitlines()


def child_rng(seed, *names):
    """A generator for one named purpose, independent of the order in which utterances are made."""
    h = hashlib.sha256(("%d|" % seed + "|".join(map(str, names))).encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], "little"))


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr.decode(errors="replace")))
    return r


def synthesize(engine, voice, text, range_factor, rate_factor, out_wav, tmp):
    """Speaks text with the given pitch-range factor and speaking rate (flite's cg voices rms and awb
    ignore the range)."""
    if engine == "espeak":
        ssml = '<speak><prosody range="%d%%" rate="%d%%">%s</prosody></speak>' % (
            round(100 * range_factor), round(100 * rate_factor), text)
        run(["espeak-ng", "-m", "-v", voice, "-w", out_wav, ssml])
    elif engine == "flite":
        base_mean = {"slt": 170, "rms": 100, "awb": 110, "kal16": 105}[voice]
        base_std = {"slt": 20, "rms": 12, "awb": 14, "kal16": 13}[voice]
        run(["flite", "-voice", voice, "-t", text, "-o", out_wav,
             "--setf", "int_f0_target_mean=%.1f" % base_mean,
             "--setf", "int_f0_target_stddev=%.1f" % (base_std * range_factor),
             "--setf", "duration_stretch=%.3f" % (1 / rate_factor)])
    elif engine == "festival":
        scm = os.path.join(tmp, "prosody.scm")
        with open(scm, "w") as f:
            f.write("(voice_%s)\n" % voice)
            f.write("(set! int_lr_params '((target_f0_mean %.1f) (target_f0_std %.1f) "
                    "(model_f0_mean 170) (model_f0_std 34)))\n" % (105, 14 * range_factor))
            f.write("(Parameter.set 'Duration_Stretch %.3f)\n" % (1 / rate_factor))
        run(["text2wave", "-eval", scm, "-o", out_wav], input=text.encode())
    else:
        raise ValueError(engine)


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
        if w.getnchannels() > 1:
            x = x.reshape(-1, w.getnchannels()).mean(axis=1)
        return x, w.getframerate()


def write_wav(path, x):
    pcm = np.clip(np.round(x * 32767), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


def coloured_noise(rng, n, kind):
    white = rng.standard_normal(n)
    if kind == "white":
        return white
    spec = np.fft.rfft(white)
    f = np.arange(len(spec), dtype=float)
    f[0] = 1
    spec /= np.sqrt(f) if kind == "pink" else f
    return np.fft.irfft(spec, n)


def confidence_for(strength):
    """Simulated rater agreement: weak prosody -> raters disagree."""
    if strength >= 0.85:
        return 1.0
    if strength >= 0.7:
        return 0.75
    if strength >= 0.55:
        return 0.67
    return 0.5


def make_utterance(seed, speaker, label, slot, sentence, tmp):
    spk_id, engine, voice, split, spk_pitch_st, spk_tempo = speaker
    rng = child_rng(seed, spk_id, label, slot, "prosody")
    strength = float(rng.uniform(0.4, 1.0))
    base = PROSODY["neutral"]
    target = PROSODY[label]
    if label == "neutral":
        # A weakly-neutral utterance carries some colouring of a random other class.
        target = PROSODY[CLASSES[rng.integers(0, 4)]]
        mix = (1 - strength) * 0.5
    else:
        mix = strength
    p = [b + mix * (t - b) for b, t in zip(base[:5], target[:5])]
    pitch_st = p[0] + rng.normal(0, 1.2)
    range_factor = max(0.3, p[1] * np.exp(rng.normal(0, 0.2)))
    rate_factor = p[2] * spk_tempo * np.exp(rng.normal(0, 0.06))
    loud_db = p[3] + rng.normal(0, 2.0)
    drive = max(0.0, p[4] + rng.normal(0, 2.0))
    lowpass = target[5] if target[5] and rng.uniform() < mix else None
    pause_prob = base[6] + mix * (target[6] - base[6])

    words = sentence.split()
    if len(words) > 4 and rng.uniform() < pause_prob:
        cut = int(rng.integers(2, len(words) - 1))
        words[cut - 1] += ","
    text = " ".join(words)

    raw = os.path.join(tmp, "raw.wav")
    fx = os.path.join(tmp, "fx.wav")
    synthesize(engine, voice, text, range_factor, rate_factor, raw, tmp)

    # Voice quality and speaker pitch offset with sox; output 16 kHz mono.
    chain = ["pitch", "%d" % round(100 * (spk_pitch_st + pitch_st))]
    if drive > 0.5:
        chain += ["overdrive", "%.1f" % drive, "20"]
    if lowpass:
        chain += ["lowpass", "%d" % lowpass]
    chain += ["norm", "-20", "gain", "%.2f" % loud_db]

    cond = child_rng(seed, spk_id, label, slot, "conditions")
    if cond.uniform() < 0.5:
        chain += ["reverb", "%d" % cond.integers(10, 70), "50", "%d" % cond.integers(20, 100)]
    band = cond.uniform()
    if band < 0.15:
        chain += ["sinc", "300-3400"]
    elif band < 0.3:
        chain += ["lowpass", "%d" % cond.integers(4000, 7000)]
    chain += ["rate", "-v", "%d" % RATE, "channels", "1"]
    run(["sox", "-q", raw, "-b", "16", fx] + chain)

    x, rate = read_wav(fx)
    assert rate == RATE
    # Trim synthesiser silence, then add a short random lead-in and tail.
    active = np.flatnonzero(np.abs(x) > 0.01 * np.max(np.abs(x)))
    x = x[max(0, active[0] - 800): active[-1] + 800]
    x = np.concatenate([np.zeros(int(cond.uniform(0.05, 0.25) * RATE)), x,
                        np.zeros(int(cond.uniform(0.05, 0.25) * RATE))])
    x = x[: int(3.0 * RATE)]  # keep utterances at most 3 s
    snr_db = cond.uniform(10, 35)
    noise = coloured_noise(cond, len(x), ["white", "pink", "brown"][cond.integers(0, 3)])
    sig_pow = np.mean(x ** 2)
    noise *= np.sqrt(sig_pow / (10 ** (snr_db / 10)) / np.mean(noise ** 2))
    x = x + noise
    # Recording level: one per speaker (session microphone gain) plus a small per-utterance wobble;
    # the class's loudness survives only relative to the speaker's own level, as in real sessions.
    session_db = child_rng(seed, spk_id, "session").uniform(-14, -4)
    x = x * 10 ** ((session_db + cond.normal(0, 1.5)) / 20)
    peak = np.max(np.abs(x))
    if peak > 0.99:
        x *= 0.99 / peak
    return x, confidence_for(strength)


def make_speaker(seed, speaker, out):
    """All utterances of one speaker; every draw comes from named generators, so the result does not
    depend on which process makes which speaker."""
    spk_id, split = speaker[0], speaker[3]
    os.makedirs(os.path.join(out, "wav", spk_id))
    rng = child_rng(seed, spk_id, "sentences")
    chosen = rng.permutation(len(SENTENCES))[: len(CLASSES) * PER_CLASS]
    jobs = [(label, slot) for label in CLASSES for slot in range(PER_CLASS)]
    order = rng.permutation(len(jobs))  # file ids do not reveal the class
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, j in enumerate(order):
            label, slot = jobs[j]
            x, conf = make_utterance(seed, speaker, label, slot, SENTENCES[chosen[j]], tmp)
            rel = "wav/%s/%s_%03d.wav" % (spk_id, spk_id, n + 1)
            write_wav(os.path.join(out, rel), x)
            rows.append((rel, spk_id, label, split, conf))
    print("%s done" % spk_id, file=sys.stderr)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "resources", "demo"))
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--jobs", type=int, default=2, help="parallel processes (the result does not depend on it)")
    args = ap.parse_args()
    for tool in ["espeak-ng", "flite", "text2wave", "sox"]:
        if shutil.which(tool) is None:
            sys.exit("%s is missing; install: apt-get install espeak-ng flite festival "
                     "festvox-kallpc16k festvox-kdlpc16k sox python3-numpy" % tool)
    out = os.path.abspath(args.out)
    wav_root = os.path.join(out, "wav")
    if os.path.isdir(wav_root):
        shutil.rmtree(wav_root)
    with multiprocessing.Pool(args.jobs) as pool:
        parts = pool.starmap(make_speaker, [(args.seed, speaker, out) for speaker in SPEAKERS])
    rows = [r for part in parts for r in part]
    with open(os.path.join(out, "manifest.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["path", "speaker", "label", "split", "confidence"])
        for r in rows:
            w.writerow([r[0], r[1], r[2], r[3], "%g" % r[4]])
    print("%d utterances written to %s" % (len(rows), out), file=sys.stderr)


if __name__ == "__main__":
    main()
