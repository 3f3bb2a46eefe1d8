#!/usr/bin/python3
"""The overlap sketch's peer for `npm run bench`: Python's own hmac and hashlib on the same file.

Reads the CSV's `mobile` column (plain mainland numbers), writes each as E.164 with Tandem's
kind prefix (`mobile:+86...`), takes HMAC-SHA-256 under the key, keeps the first 53 bits and
the k smallest distinct values (numpy), and prints the seconds and the distinct estimate k / theta,
which must equal Tandem's: the same bytes hashed the same way give the same sketch.
usage: sketch_peer.py FILE.csv KEYHEX K
"""
import csv
import hashlib
import hmac
import json
import sys
import time

import numpy as np

path, key_hex, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
key = bytes.fromhex(key_hex)
start = time.perf_counter()
values = []
inner = hmac.new(key, digestmod=hashlib.sha256)
with open(path, newline='', encoding='utf-8') as f:
    reader = csv.reader(f)
    column = next(reader).index('mobile')
    append = values.append
    for row in reader:
        mac = inner.copy()
        mac.update(b'mobile:+86' + row[column].encode())
        append(int.from_bytes(mac.digest()[:7], 'big') >> 3)
arr = np.unique(np.array(values, dtype=np.uint64))
if len(arr) > k:
    theta = float(arr[k]) / 2**53
    estimate = k / theta
else:
    estimate = float(len(arr))
print(json.dumps({'s': time.perf_counter() - start, 'estimate': estimate, 'rows': len(values)}))
