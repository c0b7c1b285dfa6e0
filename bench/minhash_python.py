"""Near-duplicate detection in Python as datatrove's MinhashDedupSignature/Buckets/Cluster do it, on Debian's numpy.

Per document: simplify_text (lowercase, numbers to 0, punctuation to space, whitespace collapsed, combining marks
removed after NFD), split into words, 5-gram shingles hashed with xxhash64 (datatrove's default HashConfig),
signature = min over shingles of (shingles * a + b) % (2^61 - 1) in numpy uint64 (as datatrove, the product wraps),
14 bands of 8; a band value seen before links the document to the first one with it (union-find, as datatrove's
cluster step). Prints one JSON line: documents, bytes, duplicates, seconds, cpu_seconds. Reading is timed too.
"""
import json, re, sys, time, unicodedata
import numpy as np
try:
    import xxhash
    def h64(s): return xxhash.xxh64_intdigest(s.encode('utf-8'))
except ImportError:  # datatrove's sha1 option, if python3-xxhash is missing
    import hashlib
    def h64(s): return int.from_bytes(hashlib.sha1(s.encode('utf-8')).digest()[:8], 'little')

P = np.uint64((1 << 61) - 1)
NUMBERS = re.compile(r'\d+([.,]\d+)?')
PUNCT = re.compile(r'[^\w\s]|_')
WS = re.compile(r'\s+')

def simplify(text):
    text = text.lower()
    text = NUMBERS.sub('0', text)
    text = PUNCT.sub(' ', text)
    text = WS.sub(' ', text.strip())
    return ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn').strip()

def main():
    files = sys.argv[1:]
    n_grams, bands, rows = 5, 14, 8
    rng = np.random.RandomState(1)
    a = rng.randint(1, P, dtype=np.uint64, size=(1, bands * rows))
    b = rng.randint(0, P, dtype=np.uint64, size=(1, bands * rows))
    start, cpu0 = time.perf_counter(), time.process_time()
    seen = [dict() for _ in range(bands)]
    parent = []
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]; x = parent[x]
        return x
    docs = nbytes = 0
    for f in files:
        with open(f, 'rb') as fh:
            for line in fh:
                nbytes += len(line)
                text = json.loads(line)['text']
                i = docs; docs += 1; parent.append(i)
                words = simplify(text).split(' ')
                if len(words) < n_grams: continue
                shingles = np.fromiter((h64(' '.join(words[k:k + n_grams])) for k in range(len(words) - n_grams + 1)), dtype=np.uint64).reshape(-1, 1)
                with np.errstate(over='ignore'):
                    sig = np.min((shingles * a + b) % P, axis=0)
                for band in range(bands):
                    key = sig[band * rows:(band + 1) * rows].tobytes()
                    first = seen[band].setdefault(key, i)
                    if first != i:
                        ra, rb = find(first), find(i)
                        if ra != rb: parent[max(ra, rb)] = min(ra, rb)
    dups = sum(1 for i in range(docs) if find(i) != i)
    print(json.dumps({'documents': docs, 'bytes': nbytes, 'duplicates': dups,
                      'seconds': time.perf_counter() - start, 'cpu_seconds': time.process_time() - cpu0}))

if __name__ == '__main__':
    main()
