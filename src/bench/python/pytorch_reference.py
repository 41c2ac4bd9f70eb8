#!/usr/bin/env python3
"""PyTorch reference for `e2v bench train` and `e2v bench embed` (issue #3).

The same model and sizes as the e2v benchmarks, written directly in PyTorch so both can be
timed side by side on one machine (this VM's speed drifts by tens of percent from hour to hour,
so a figure measured elsewhere is a poor yardstick). On Debian 12: `apt-get install python3-torch`
(PyTorch 1.13.1), then

    OMP_NUM_THREADS=2 python3 src/bench/python/pytorch_reference.py --model-dims 128,512

Model (Sec. 3.3 of the paper, gru-transformer): average pooling by 2 twice over time -> GRU ->
linear projection to the model dim (when it differs from the GRU width) -> one post-norm
TransformerEncoderLayer (2 heads, feed-forward 2048, dropout 0.1, ReLU) -> masked mean pooling =
embedding -> linear head. Loss: head cross-entropy + NAMP (Eq. (2)-(5), m = -0.3, learnable w, b).
Adamax, lr 1e-3. Synthetic episodes of K x N utterances of T frames of D-dim Gaussian noise.
Prints JSON with the median wall time of a training step and of a one-utterance embedding.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, dims, gru, model_dim, heads, ff, classes, dropout):
        super().__init__()
        self.gru = nn.GRU(dims, gru, batch_first=True)
        self.proj = nn.Linear(gru, model_dim) if gru != model_dim else nn.Identity()
        self.layer = nn.TransformerEncoderLayer(model_dim, heads, ff, dropout, batch_first=True)
        self.head = nn.Linear(model_dim, classes)

    def forward(self, x, mask):
        # x [B, T, D], mask [B, T] (1 valid); two-step temporal pooling (average by 2, twice)
        x = F.avg_pool1d(x.transpose(1, 2), 2)
        x = F.avg_pool1d(x, 2).transpose(1, 2)
        mask = mask[:, ::4][:, : x.shape[1]]
        h, _ = self.gru(x)
        h = self.proj(h)
        h = self.layer(h, src_key_padding_mask=mask == 0)
        m = mask.unsqueeze(-1)
        emb = (h * m).sum(1) / m.sum(1)
        return emb, self.head(emb)


class Namp(nn.Module):
    """Eq. (3)/(4): S_jk = w (cos(P_j, c_k) + m [j = k]) + b, centroids of N - 1 (Eq. (2))."""

    def __init__(self, margin):
        super().__init__()
        self.w = nn.Parameter(torch.tensor(10.0))
        self.b = nn.Parameter(torch.tensor(-5.0))
        self.margin = margin

    def forward(self, emb, classes, per_class):
        e = emb.view(classes, per_class, -1)
        query = e[:, 0, :]
        centroid = e[:, 1:, :].mean(1)
        cos = F.cosine_similarity(query.unsqueeze(1), centroid.unsqueeze(0), dim=2)
        cos = cos + self.margin * torch.eye(classes)
        s = torch.clamp(self.w, min=1e-6) * cos + self.b
        return F.cross_entropy(s, torch.arange(classes))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dims", default="128,512")
    ap.add_argument("--classes", type=int, default=4)
    ap.add_argument("--per-class", type=int, default=10)
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--dims", type=int, default=512)
    ap.add_argument("--gru", type=int, default=256)
    ap.add_argument("--heads", type=int, default=2)
    ap.add_argument("--ff", type=int, default=2048)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--embed-calls", type=int, default=100)
    ap.add_argument("--embed-warmup", type=int, default=200)
    a = ap.parse_args()
    torch.manual_seed(1)
    b = a.classes * a.per_class
    x = torch.randn(b, a.frames, a.dims)
    mask = torch.ones(b, a.frames)
    labels = torch.arange(a.classes).repeat_interleave(a.per_class)
    results = []
    for d in [int(v) for v in a.model_dims.split(",")]:
        enc = Encoder(a.dims, a.gru, d, a.heads, a.ff, a.classes, 0.1)
        loss_fn = Namp(-0.3)
        opt = torch.optim.Adamax(list(enc.parameters()) + list(loss_fn.parameters()), lr=1e-3)

        def step():
            opt.zero_grad()
            emb, logits = enc(x, mask)
            loss = F.cross_entropy(logits, labels) + loss_fn(emb, a.classes, a.per_class)
            loss.backward()
            opt.step()
            return loss.item()

        enc.train()
        for _ in range(a.warmup):
            step()
        times = []
        for _ in range(a.steps):
            t0 = time.perf_counter()
            step()
            times.append(time.perf_counter() - t0)
        enc.eval()
        one = x[:1]
        one_mask = mask[:1]
        with torch.no_grad():
            for _ in range(a.embed_warmup):
                enc(one, one_mask)
            emb_times = []
            for _ in range(a.embed_calls):
                t0 = time.perf_counter()
                enc(one, one_mask)
                emb_times.append(time.perf_counter() - t0)
        results.append({"model_dim": d,
                        "step_median_s": round(statistics.median(times), 5),
                        "step_min_s": round(min(times), 5),
                        "embed_one_utterance_median_ms": round(1000 * statistics.median(emb_times), 3)})
    print(json.dumps({"benchmark": "pytorch reference", "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "results": results}, indent=1))


if __name__ == "__main__":
    main()
