"""cl100k_base token counts in plain Python (the tiktoken algorithm: the cl100k pre-tokenizer regex, then byte-pair
merges by rank), on Debian's python3 with python3-regex: the peer of Measure-TextToken in the Text benchmark.
Argument 1 is the cl100k_base.tiktoken rank file (base64 token, rank per line), the rest the corpus files.
Prints one JSON line: documents, tokens, bytes, seconds, cpu_seconds, and the counts of the first 20 documents
(checked against Measure-TextToken's).
"""
import base64, json, sys, time
import regex

PAT = regex.compile(r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+""")

def load(path):
    # tiktoken's format (base64 token, rank) or the one Microsoft.ML.Tokenizers embeds (a "Capacity: N" line, then
    # one base64 token per line, its rank the line's position).
    ranks = {}
    for line in open(path, 'rb'):
        parts = line.split()
        if not parts or parts[0] == b'Capacity:': continue
        ranks[base64.b64decode(parts[0])] = int(parts[1]) if len(parts) > 1 else len(ranks)
    return ranks

def bpe_count(piece, ranks):
    if piece in ranks: return 1
    parts = [bytes([b]) for b in piece]
    while len(parts) > 1:
        best, at = None, -1
        for i in range(len(parts) - 1):
            r = ranks.get(parts[i] + parts[i + 1])
            if r is not None and (best is None or r < best): best, at = r, i
        if best is None: break
        parts[at:at + 2] = [parts[at] + parts[at + 1]]
    return len(parts)

def main():
    ranks = load(sys.argv[1])
    start, cpu0 = time.perf_counter(), time.process_time()
    docs = tokens = nbytes = 0
    first = []
    cache = {}
    for f in sys.argv[2:]:
        with open(f, 'rb') as fh:
            for line in fh:
                nbytes += len(line)
                text = json.loads(line)['text']
                n = 0
                for m in PAT.findall(text):
                    c = cache.get(m)
                    if c is None:
                        c = bpe_count(m.encode('utf-8'), ranks)
                        if len(cache) < 1_000_000: cache[m] = c
                    n += c
                tokens += n; docs += 1
                if len(first) < 20: first.append(n)
    print(json.dumps({'documents': docs, 'tokens': tokens, 'bytes': nbytes, 'seconds': time.perf_counter() - start,
                      'cpu_seconds': time.process_time() - cpu0, 'first': first}))

if __name__ == '__main__':
    main()
