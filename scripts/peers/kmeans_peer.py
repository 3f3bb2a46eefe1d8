#!/usr/bin/python3
"""k-means peer for `npm run bench` (Debian's python3-sklearn): writes the data sets it fits
to OUT_DIR as float32/int32 binaries, so Tandem fits exactly the same points, and prints
one JSON object with scikit-learn's figures.
  uniform: 1,000,000 x 16 uniform [0,1), k=8, n_init=1, k-means++, Lloyd, max_iter=50
  blobs:   100,000 x 16, 8 separated blobs (make_blobs, random_state=7)
  digits:  load_digits, StandardScaler, k=10, n_init=10
  large:   3,000,000 x 16 uniform [0,1), k=8, MiniBatchKMeans (batch 4096, n_init=1), the mode
           Tandem switches to above two million rows
"""
import json, os, statistics, sys, time
import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_digits, make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler

out_dir = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
out = {}

def fit_uniform(X):
    km = KMeans(n_clusters=8, n_init=1, init="k-means++", algorithm="lloyd", max_iter=50, tol=1e-4, random_state=0)
    t0 = time.perf_counter(); km.fit(X)
    return time.perf_counter() - t0, int(km.n_iter_), float(km.inertia_)

# `kmeans_peer.py OUT_DIR RUNS matrix FILE D`: the whole KMeans.fit (k=8, n_init=1, Lloyd,
# max_iter=50) on a float32 matrix Tandem also imports, RUNS times; prints each fit's seconds.
if len(sys.argv) > 3 and sys.argv[3] == "matrix":
    X = np.fromfile(sys.argv[4], dtype=np.float32).reshape(-1, int(sys.argv[5]))
    fits = [fit_uniform(X) for _ in range(runs)]
    print(json.dumps({"s": [f[0] for f in fits], "iterations": fits[0][1]}))
    sys.exit(0)

# `kmeans_peer.py OUT_DIR 1 uniform`: one more fit of the uniform set written before, so the
# bench can interleave the peer's runs with Tandem's (the machine's speed drifts).
if len(sys.argv) > 3 and sys.argv[3] == "uniform":
    s, iters, inertia = fit_uniform(np.fromfile(os.path.join(out_dir, "uniform.f32"), dtype=np.float32).reshape(-1, 16))
    print(json.dumps({"s": s, "iterations": iters, "s_per_iter": s / iters, "inertia": inertia}))
    sys.exit(0)

Xu = np.random.default_rng(7).random((1_000_000, 16), dtype=np.float32)
Xu.tofile(os.path.join(out_dir, "uniform.f32"))
times, iters, inertia = [], [], []
for _ in range(runs):
    s, i, e = fit_uniform(Xu)
    times.append(s); iters.append(i); inertia.append(e)
out["uniform"] = {"s": statistics.median(times), "iterations": iters[0], "s_per_iter": statistics.median(times) / iters[0], "inertia": inertia[0]}

Xb, yb = make_blobs(n_samples=100_000, n_features=16, centers=8, random_state=7)
Xb.astype(np.float32).tofile(os.path.join(out_dir, "blobs.f32"))
yb.astype(np.int32).tofile(os.path.join(out_dir, "blobs.labels"))
km = KMeans(n_clusters=8, n_init=1, random_state=0).fit(Xb)
out["blobs"] = {"ari": float(adjusted_rand_score(yb, km.labels_))}

d = load_digits()
Xd = StandardScaler().fit_transform(d.data).astype(np.float32)
Xd.tofile(os.path.join(out_dir, "digits.f32"))
d.target.astype(np.int32).tofile(os.path.join(out_dir, "digits.labels"))
t0 = time.perf_counter()
km = KMeans(n_clusters=10, n_init=10, random_state=0).fit(Xd)
out["digits"] = {"ari": float(adjusted_rand_score(d.target, km.labels_)), "s": time.perf_counter() - t0, "n": int(Xd.shape[0]), "d": int(Xd.shape[1])}
Xl = np.random.default_rng(8).random((3_000_000, 16), dtype=np.float32)
Xl.tofile(os.path.join(out_dir, "large.f32"))
times, inertia = [], []
for _ in range(runs):
    km = MiniBatchKMeans(n_clusters=8, n_init=1, batch_size=4096, max_iter=100, random_state=0)
    t0 = time.perf_counter(); km.fit(Xl); times.append(time.perf_counter() - t0)
    inertia.append(float(km.inertia_))
out["large"] = {"s": statistics.median(times), "inertia": inertia[0], "steps": int(km.n_steps_)}
print(json.dumps(out))
