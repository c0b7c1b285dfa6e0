"""Builds the Text benchmark corpus: real documents from ../shared/data/text, replicated with planted near-duplicates.

Base documents: every text of the staged Dolma, DCLM, Data-Juicer and ChineseWebText samples and every 20 Newsgroups
message (one document per file), exact repeats removed (about 41 MB). The corpus is written as JSON Lines shards of
about 100 MB (part-00000.jsonl, ...) until it holds --target-bytes: round k (k = 0, 1, ...) writes every base document
once more. Round 0 is the original text; in later rounds each copy gets a substitution rate from the cycle
0, 0.01, 0.02, 0.04, 0.08, 0.2 (picked by round and document), and each whitespace-separated word is replaced by a word
drawn from the document itself with that probability (seeded by document and round: the same bytes every run).
With 5-word shingles a rate r keeps about (1-r)^5 of the shingles, so copies fall on both sides of the 0.8
threshold: the ground truth is measured, never assumed. Fields: id, text, family (the base document), rate.
"""
import glob, gzip, hashlib, json, os, random, sys

def base_documents(shared):
    seen = set()
    def add(text):
        if not isinstance(text, str) or len(text.strip()) < 20: return None
        h = hashlib.sha1(text.encode('utf-8')).digest()
        if h in seen: return None
        seen.add(h)
        return text
    w = os.path.join(shared, 'webcrawl_samples')
    files = sorted(glob.glob(os.path.join(w, '*', '*.jsonl'))) + sorted(glob.glob(os.path.join(w, '*', '*.jsonl.gz')))
    for f in files:
        opener = gzip.open if f.endswith('.gz') else open
        with opener(f, 'rt', encoding='utf-8') as fh:
            for line in fh:
                try: d = json.loads(line)
                except ValueError: continue
                t = add(d.get('text') or d.get('raw_content') or d.get('content'))
                if t: yield t
    for f in sorted(glob.glob(os.path.join(shared, '20newsgroups', '20news-bydate', '*', '*', '*'))):
        with open(f, 'rb') as fh:
            t = add(fh.read().decode('latin-1'))
        if t: yield t

RATES = [0.0, 0.01, 0.02, 0.04, 0.08, 0.2]

def mutate(text, family, round_):
    if round_ == 0: return text, 0.0
    rate = RATES[(round_ + family) % len(RATES)]
    if rate == 0: return text, 0.0
    rnd = random.Random(family * 1000003 + round_)
    words = text.split(' ')
    pool = [w for w in words if w] or ['x']
    out = [rnd.choice(pool) if w and rnd.random() < rate else w for w in words]
    return ' '.join(out), rate

def main():
    shared, out, target = sys.argv[1], sys.argv[2], int(float(sys.argv[3]))
    os.makedirs(out, exist_ok=True)
    docs = list(base_documents(shared))
    shard, written, part, fh = 100 << 20, 0, 0, None
    def open_part(n):
        return open(os.path.join(out, f'part-{n:05d}.jsonl'), 'w', encoding='utf-8', newline='\n')
    fh = open_part(part); in_part = 0; round_ = 0
    while written < target:
        for family, text in enumerate(docs):
            t, rate = mutate(text, family, round_)
            line = json.dumps({'id': f'f{family}-r{round_}', 'text': t, 'family': family, 'rate': rate}, ensure_ascii=False) + '\n'
            b = len(line.encode('utf-8'))
            fh.write(line); written += b; in_part += b
            if in_part >= shard:
                fh.close(); part += 1; fh = open_part(part); in_part = 0
            if written >= target: break
        round_ += 1
    fh.close()
    if in_part == 0: os.remove(os.path.join(out, f'part-{part:05d}.jsonl'))
    print(json.dumps({'base_documents': len(docs), 'base_bytes': sum(len(d.encode('utf-8')) for d in docs), 'bytes': written, 'rounds': round_}))

if __name__ == '__main__':
    main()
