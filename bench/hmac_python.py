"""The Python peer of Protect-Dataset -Hash: HMAC-SHA256 pseudonyms over a column of e-mail addresses.

Usage: hmac_python.py <emails.csv> <hmac key hex>
Reads the file's email column (header 'email', one address per line; the read is not timed), then times two
loops over the same list: the usual hmac.new(key, value, sha256).hexdigest() and the faster one-shot
hmac.digest(key, value, 'sha256').hex(), each truncated to 32 hex characters like the cmdlet's tokens.
Prints one JSON line: wall and CPU seconds for each loop, the row count and the first token (to check both tools agree).
"""
import hashlib
import hmac
import json
import sys
import time

path, key_hex = sys.argv[1], sys.argv[2]
key = bytes.fromhex(key_hex)
with open(path, encoding="utf-8") as f:
    next(f)
    emails = [line.rstrip("\n") for line in f]

start, cpu = time.perf_counter(), time.process_time()
tokens = [hmac.new(key, e.encode("utf-8"), hashlib.sha256).hexdigest()[:32] for e in emails]
hmac_new, hmac_new_cpu = time.perf_counter() - start, time.process_time() - cpu

start, cpu = time.perf_counter(), time.process_time()
fast = [hmac.digest(key, e.encode("utf-8"), "sha256").hex()[:32] for e in emails]
hmac_digest, hmac_digest_cpu = time.perf_counter() - start, time.process_time() - cpu

assert tokens == fast
print(json.dumps({"hmac_new": hmac_new, "hmac_digest": hmac_digest, "hmac_new_cpu": hmac_new_cpu, "hmac_digest_cpu": hmac_digest_cpu, "rows": len(emails), "first": tokens[0], "last": tokens[-1]}))
