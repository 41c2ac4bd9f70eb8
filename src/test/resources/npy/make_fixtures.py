#!/usr/bin/env python3
"""Writes the small .npy/.npz fixtures of NpyTest and FeatureImporterTest with NumPy itself.

Run once from this folder (python3 make_fixtures.py); the outputs are committed, so the tests
need no Python. Values are deterministic: a[t, d] = t + d / 10 (+ offsets noted below).
"""
import io
import zipfile

import numpy as np
from numpy.lib import format as npf


def grid(t, d, dtype="<f4"):
    return (np.arange(t)[:, None] + np.arange(d)[None, :] / 10.0).astype(dtype)


def save_version(path, arr, version):
    with open(path, "wb") as f:
        npf.write_array(f, arr, version=version)


# Format versions (same content, 3 x 4 float32)
save_version("v1_f4.npy", grid(3, 4), (1, 0))
save_version("v2_f4.npy", grid(3, 4), (2, 0))
save_version("v3_f4.npy", grid(3, 4), (3, 0))

# dtypes and byte orders
np.save("f8.npy", grid(3, 4, "<f8"))
np.save("be_f4.npy", grid(3, 4, ">f4"))
np.save("be_f8.npy", grid(3, 4, ">f8"))
np.save("f2.npy", grid(3, 4, "<f2"))
np.save("i2.npy", (np.arange(12).reshape(3, 4) - 5).astype("<i2"))
np.save("u1.npy", np.arange(12, dtype="u1").reshape(3, 4))
np.save("complex.npy", np.ones((2, 2), dtype="<c8"))
np.save("structured.npy", np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")]))

# Fortran order: same logical content as v1_f4.npy
np.save("fortran_f4.npy", np.asfortranarray(grid(3, 4)))
# A 3-d Fortran array (2, 3, 4): a[i, j, k] = 100 i + 10 j + k
np.save("fortran_3d.npy", np.asfortranarray(
    (100 * np.arange(2)[:, None, None] + 10 * np.arange(3)[None, :, None] + np.arange(4)[None, None, :]).astype("<f4")))

# Shapes
np.save("vector.npy", np.arange(5, dtype="<f4"))
np.save("batch1.npy", grid(3, 4)[None, :, :])
np.save("empty.npy", np.zeros((0, 4), dtype="<f4"))
np.save("cube.npy", np.zeros((2, 3, 4), dtype="<f4"))

# Values
bad = grid(3, 4)
bad[2, 1] = np.nan
np.save("nan.npy", bad)
bad = grid(3, 4)
bad[1, 3] = np.inf
np.save("inf.npy", bad)

# Archives: utterance ids as member names
np.savez("stored.npz", utt_a=grid(3, 4), utt_b=grid(2, 4) + 100)
np.savez_compressed("deflated.npz", utt_a=grid(3, 4), utt_b=grid(2, 4) + 100)

# Broken files
good = open("v1_f4.npy", "rb").read()
open("truncated.npy", "wb").write(good[:-5])
open("bad_magic.npy", "wb").write(b"\x93NUMPX" + good[6:])
open("bad_version.npy", "wb").write(good[:6] + bytes([9, 0]) + good[8:])
hdr_len = int.from_bytes(good[8:10], "little")
broken_header = good[:10] + good[10:10 + hdr_len].replace(b"'shape': (3, 4)", b"'shape': (3, 4 ") + good[10 + hdr_len:]
open("bad_header.npy", "wb").write(broken_header)
open("not_a_zip.npz", "wb").write(b"this is not a zip archive")

# Per-utterance feature folder for the importer: dims 4, one file with a different dim.
import os
os.makedirs("corpus", exist_ok=True)
np.save("corpus/spk1_a.npy", grid(3, 4))
np.save("corpus/spk1_b.npy", grid(5, 4) + 1)
np.savez("corpus/more.npz", spk2_a=grid(4, 4) + 2)
os.makedirs("mixed_dims", exist_ok=True)
np.save("mixed_dims/a.npy", grid(3, 4))
np.save("mixed_dims/b.npy", grid(3, 6))
os.makedirs("with_nan", exist_ok=True)
np.save("with_nan/good.npy", grid(3, 4))
nan_grid = grid(3, 4)
nan_grid[2, 1] = np.nan
np.save("with_nan/bad.npy", nan_grid)
